using System.Globalization;
using System.Text.Json;

namespace Nightshift.Core.Agents.ClaudeCode;

/// <summary>
/// Reads the lines of <c>claude --output-format stream-json --verbose</c> one at a time and turns
/// them into normalised events, remembering the session id and the latest result. Lines that are
/// not JSON (a warning the CLI printed) pass through as output.
/// </summary>
internal sealed class StreamJsonOutput
{
    private const int MaxSummary = 400;

    private long _reportedInput;
    private long _reportedOutput;
    private decimal _reportedCost;

    public string? SessionId { get; private set; }

    /// <summary>The last <c>result</c> event; each one ends a turn.</summary>
    public ClaudeResult? LastResult { get; private set; }

    /// <summary>The events a line stands for and whether it ended a turn (a result).</summary>
    public (List<AgentEvent> Events, bool TurnEnded) Read(string line)
    {
        var events = new List<AgentEvent>();
        if (string.IsNullOrWhiteSpace(line))
        {
            return (events, false);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            events.Add(AgentEvent.Output(line));
            return (events, false);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (events, false);
            }
            if (Json.String(root, "session_id") is { Length: > 0 } session && session != SessionId)
            {
                SessionId = session;
                events.Add(new AgentEvent(AgentEventKind.Session, session));
            }
            switch (Json.String(root, "type"))
            {
                case "assistant":
                    ReadAssistant(root, events);
                    break;
                case "user":
                    ReadToolResults(root, events);
                    break;
                case "result":
                    ReadResult(root, events);
                    return (events, true);
            }
            return (events, false);
        }
    }

    private static void ReadAssistant(JsonElement root, List<AgentEvent> events)
    {
        foreach (var block in Json.Blocks(root))
        {
            switch (Json.String(block, "type"))
            {
                case "text" when Json.String(block, "text") is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text):
                    events.Add(AgentEvent.Message(text.Trim()));
                    break;
                case "tool_use":
                    events.Add(AgentEvent.ToolCall(ToolCallSummary(block)));
                    break;
            }
        }
    }

    private static void ReadToolResults(JsonElement root, List<AgentEvent> events)
    {
        foreach (var block in Json.Blocks(root).Where(b => Json.String(b, "type") == "tool_result"))
        {
            var isError = block.TryGetProperty("is_error", out var e) && e.ValueKind == JsonValueKind.True;
            var text = block.TryGetProperty("content", out var content) ? Json.Text(content) : string.Empty;
            events.Add(AgentEvent.ToolResult(Shorten(text.Trim()), isError));
        }
    }

    private void ReadResult(JsonElement root, List<AgentEvent> events)
    {
        var isError = root.TryGetProperty("is_error", out var e) && e.ValueKind == JsonValueKind.True;
        var subtype = Json.String(root, "subtype") ?? "unknown";
        var text = Json.String(root, "result");
        if (text is null && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            text = string.Join("; ", errors.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : x.GetRawText()));
        }
        LastResult = new ClaudeResult(isError || subtype != "success", subtype, text);
        if (Usage(root) is { } usage)
        {
            events.Add(usage);
        }
    }

    /// <summary>
    /// A result reports the session's totals so far; the engine adds up what runtimes report, so
    /// only what was spent since the previous result is emitted.
    /// </summary>
    private AgentEvent? Usage(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var input = Json.Long(usage, "input_tokens") + Json.Long(usage, "cache_creation_input_tokens") + Json.Long(usage, "cache_read_input_tokens");
        var output = Json.Long(usage, "output_tokens");
        var cost = root.TryGetProperty("total_cost_usd", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDecimal() : 0m;
        var delta = AgentEvent.Usage(Math.Max(0, input - _reportedInput), Math.Max(0, output - _reportedOutput), Math.Max(0m, cost - _reportedCost));
        (_reportedInput, _reportedOutput, _reportedCost) = (Math.Max(input, _reportedInput), Math.Max(output, _reportedOutput), Math.Max(cost, _reportedCost));
        return delta;
    }

    private static string ToolCallSummary(JsonElement block)
    {
        var name = Json.String(block, "name") ?? "tool";
        if (!block.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            return name;
        }
        // The argument that says what the call does; anything else shows as its JSON.
        foreach (var key in new[] { "command", "file_path", "path", "pattern", "url", "description" })
        {
            if (Json.String(input, key) is { Length: > 0 } value)
            {
                return Shorten(string.Create(CultureInfo.InvariantCulture, $"{name}: {value}"));
            }
        }
        return Shorten($"{name} {input.GetRawText()}");
    }

    private static string Shorten(string text) => text.Length <= MaxSummary ? text : text[..MaxSummary] + "…";
}
