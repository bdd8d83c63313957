using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nightshift.Server.Components.TaskView;

/// <summary>
/// Reads the steps of a plan event: its data when that is JSON (an array of steps, or an object
/// with "steps"; a step is a string or an object with a text and a status), else its message,
/// one step a line, as a Markdown list or checklist.
/// </summary>
public static partial class PlanReader
{
    private static readonly string[] TextNames = ["text", "title", "step", "description", "name"];
    private static readonly string[] StatusNames = ["status", "state"];

    public static IReadOnlyList<PlanStep> Read(string message, string? data)
    {
        if (data is { Length: > 0 } && TryJson(data) is { Count: > 0 } steps)
        {
            return steps;
        }
        return [.. (message ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(FromLine)];
    }

    private static List<PlanStep>? TryJson(string data)
    {
        try
        {
            using var json = JsonDocument.Parse(data);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("steps", out var s) || root.TryGetProperty("plan", out s)))
            {
                root = s;
            }
            return root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray().Select(FromJson).OfType<PlanStep>()] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static PlanStep? FromJson(JsonElement step)
    {
        if (step.ValueKind == JsonValueKind.String)
        {
            return FromLine(step.GetString() ?? string.Empty);
        }
        if (step.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var text = TextNames.Select(n => step.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(t => t is not null);
        if (text is null)
        {
            return null;
        }
        var status = StatusNames.Select(n => step.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(t => t is not null);
        var done = step.TryGetProperty("done", out var d) && d.ValueKind == JsonValueKind.True;
        return new PlanStep(text, done ? PlanStepStatus.Done : StatusOf(status));
    }

    private static PlanStep FromLine(string line)
    {
        var match = ListItem().Match(line);
        if (!match.Success)
        {
            return new PlanStep(line, PlanStepStatus.Pending);
        }
        var status = match.Groups["box"].Value switch
        {
            "x" or "X" => PlanStepStatus.Done,
            "~" or "-" or ">" => PlanStepStatus.Active,
            _ => PlanStepStatus.Pending,
        };
        return new PlanStep(match.Groups["text"].Value, status);
    }

    private static PlanStepStatus StatusOf(string? status) => status?.ToLowerInvariant() switch
    {
        "done" or "completed" or "complete" or "finished" => PlanStepStatus.Done,
        "active" or "in_progress" or "in-progress" or "doing" or "running" or "current" => PlanStepStatus.Active,
        _ => PlanStepStatus.Pending,
    };

    [GeneratedRegex(@"^(?:[-*+]|\d+[.)])?\s*(?:\[(?<box>[ xX~>-])\]\s*)?(?<text>.+)$")]
    private static partial Regex ListItem();
}
