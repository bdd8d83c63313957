using System.Text.Json;

namespace Nightshift.Core.Agents;

/// <summary>Tolerant reads of the CLI's JSON: a missing or differently typed field reads as empty, never throws.</summary>
internal static class Json
{
    /// <summary>
    /// One line of a CLI's JSON stream: null for a blank line, and for a line that is not JSON, which
    /// is added to <paramref name="events"/> as plain output; otherwise the parsed line, to dispose.
    /// </summary>
    public static JsonDocument? ParseLine(string line, List<AgentEvent> events)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            events.Add(AgentEvent.Output(line));
            return null;
        }
    }

    public static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static long Long(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : 0;

    /// <summary>The content blocks of an event's <c>message</c>.</summary>
    public static IEnumerable<JsonElement> Blocks(JsonElement root) =>
        root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array
            ? content.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object)
            : [];

    /// <summary>A string, or the joined text blocks of an array.</summary>
    public static string Text(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString()!,
        JsonValueKind.Array => string.Join("\n", content.EnumerateArray().Select(b => String(b, "text")).Where(t => t is not null)),
        _ => string.Empty,
    };
}
