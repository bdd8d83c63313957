using System.Text.Json;

namespace Nightshift.Core.Plans;

/// <summary>How a task's plan is stored: a JSON array of <c>{"step": …, "done": …}</c>.</summary>
public static class PlanJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<PlanStep> Read(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<PlanStep>>(json, Options) ?? [];
}
