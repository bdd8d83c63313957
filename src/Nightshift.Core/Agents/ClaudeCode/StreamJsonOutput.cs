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

    private decimal _reportedCost;

    public string? SessionId { get; private set; }

    /// <summary>The last <c>result</c> event; each one ends a turn.</summary>
    public ClaudeResult? LastResult { get; private set; }

    /// <summary>What the stream said about a usage limit.</summary>
    public ClaudeCodeLimits Limits { get; } = new();

    /// <summary>The events a line stands for and whether it ended a turn (a result).</summary>
    public (List<AgentEvent> Events, bool TurnEnded) Read(string line)
    {
        var events = new List<AgentEvent>();
        if (Json.ParseLine(line, events) is not { } document)
        {
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
            var type = Json.String(root, "type");
            Limits.Read(root, type);
            switch (type)
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
    /// What the turn a result ends spent. The engine adds up what runtimes report, so each result
    /// must count only its own turn: <c>model_usage_since_last_result</c> says exactly that, for
    /// every model the turn used; without it, <c>usage</c> is the turn's own, while
    /// <c>total_cost_usd</c> is the session's total so far and only its growth counts.
    /// </summary>
    private AgentEvent? Usage(JsonElement root)
    {
        var total = root.TryGetProperty("total_cost_usd", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDecimal() : _reportedCost;
        var costDelta = Math.Max(0m, total - _reportedCost);
        _reportedCost = Math.Max(total, _reportedCost);
        if (root.TryGetProperty("model_usage_since_last_result", out var byModel) && byModel.ValueKind == JsonValueKind.Object)
        {
            var models = byModel.EnumerateObject().Select(p => p.Value).Where(v => v.ValueKind == JsonValueKind.Object).ToList();
            return AgentEvent.Usage(
                models.Sum(m => Json.Long(m, "inputTokens") + Json.Long(m, "cacheReadInputTokens") + Json.Long(m, "cacheCreationInputTokens")),
                models.Sum(m => Json.Long(m, "outputTokens")),
                models.Sum(m => m.TryGetProperty("costUSD", out var cost) && cost.ValueKind == JsonValueKind.Number ? cost.GetDecimal() : 0m));
        }
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return costDelta > 0 ? AgentEvent.Usage(0, 0, costDelta) : null;
        }
        var input = Json.Long(usage, "input_tokens") + Json.Long(usage, "cache_creation_input_tokens") + Json.Long(usage, "cache_read_input_tokens");
        return AgentEvent.Usage(input, Json.Long(usage, "output_tokens"), costDelta);
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
