using System.Globalization;
using System.Text;
using System.Text.Json;
using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Gemini;

/// <summary>
/// Reads the lines of <c>gemini --output-format stream-json</c> (init, message, tool_use,
/// tool_result, error, result) into normalised events. The assistant's text arrives in deltas; it
/// is joined and emitted as one message when something else happens. Lines that are not JSON pass
/// through as output.
/// </summary>
internal sealed class GeminiStreamOutput : ITurnOutput
{
    private const int MaxSummary = 400;

    private readonly StringBuilder _text = new();

    public string? SessionId { get; private set; }

    public string? Summary { get; private set; }

    public string? Error { get; private set; }

    public AgentLimit? Limit { get; private set; }

    public IReadOnlyList<AgentEvent> Read(string line)
    {
        var events = new List<AgentEvent>();
        if (Json.ParseLine(line, events) is not { } document)
        {
            return events;
        }
        using (document)
        {
            var root = document.RootElement;
            var type = Json.String(root, "type");
            if (type != "message" || Json.String(root, "role") != "assistant")
            {
                FlushText(events);
            }
            switch (type)
            {
                case "init" when Json.String(root, "session_id") is { Length: > 0 } session:
                    SessionId = session;
                    events.Add(new AgentEvent(AgentEventKind.Session, session));
                    break;
                case "message" when Json.String(root, "role") == "assistant":
                    _text.Append(Json.String(root, "content"));
                    break;
                case "tool_use":
                    events.Add(AgentEvent.ToolCall(ToolCallSummary(root)));
                    break;
                case "tool_result":
                    events.Add(ToolResult(root));
                    break;
                case "error":
                    events.Add(AgentEvent.Output(Json.String(root, "message") ?? line, isError: Json.String(root, "severity") == "error"));
                    break;
                case "result":
                    ReadResult(root, events);
                    break;
            }
        }
        return events;
    }

    private void FlushText(List<AgentEvent> events)
    {
        var text = _text.ToString().Trim();
        _text.Clear();
        if (text.Length > 0)
        {
            Summary = text;
            events.Add(AgentEvent.Message(text));
        }
    }

    private void ReadResult(JsonElement root, List<AgentEvent> events)
    {
        if (Json.String(root, "status") != "success")
        {
            Error = root.TryGetProperty("error", out var error) ? Json.String(error, "message") ?? error.GetRawText() : "the turn ended with status " + Json.String(root, "status");
            Limit = GeminiLimits.From(Error);
        }
        if (root.TryGetProperty("stats", out var stats) && stats.ValueKind == JsonValueKind.Object)
        {
            events.Add(AgentEvent.Usage(Json.Long(stats, "input_tokens"), Json.Long(stats, "output_tokens"), 0m));
        }
    }

    private static AgentEvent ToolResult(JsonElement root)
    {
        if (Json.String(root, "status") == "error")
        {
            var message = root.TryGetProperty("error", out var error) ? Json.String(error, "message") : null;
            return AgentEvent.ToolResult(Shorten(message ?? Json.String(root, "output") ?? "tool error"), isError: true);
        }
        return AgentEvent.ToolResult(Shorten((Json.String(root, "output") ?? string.Empty).Trim()));
    }

    private static string ToolCallSummary(JsonElement root)
    {
        var name = Json.String(root, "tool_name") ?? "tool";
        if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return name;
        }
        // The argument that says what the call does; anything else shows as its JSON.
        foreach (var key in new[] { "command", "file_path", "dir_path", "path", "pattern", "url", "description" })
        {
            if (Json.String(parameters, key) is { Length: > 0 } value)
            {
                return Shorten(string.Create(CultureInfo.InvariantCulture, $"{name}: {value}"));
            }
        }
        return Shorten($"{name} {parameters.GetRawText()}");
    }

    private static string Shorten(string text) => text.Length <= MaxSummary ? text : text[..MaxSummary] + "…";
}
