using System.Globalization;
using System.Text.Json;
using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.OpenCode;

/// <summary>
/// Reads the lines of <c>opencode run --format json</c>: one event per line with a session id and
/// a part (step_start, text, tool_use with its state, step_finish with the step's tokens and cost,
/// error). Lines that are not JSON pass through as output.
/// </summary>
internal sealed class OpenCodeJsonOutput : ITurnOutput
{
    private const int MaxSummary = 400;

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
            if (Json.String(root, "sessionID") is { Length: > 0 } session && session != SessionId)
            {
                SessionId = session;
                events.Add(new AgentEvent(AgentEventKind.Session, session));
            }
            var part = root.TryGetProperty("part", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            switch (Json.String(root, "type"))
            {
                case "text" when Json.String(part, "text") is { } text && !string.IsNullOrWhiteSpace(text):
                    Summary = text.Trim();
                    events.Add(AgentEvent.Message(Summary));
                    break;
                case "tool_use":
                    ReadTool(part, events);
                    break;
                case "step_finish":
                    ReadUsage(part, events);
                    break;
                case "error":
                    Error = ErrorText(root);
                    Limit = OpenCodeLimits.From(Error);
                    events.Add(AgentEvent.Output(Error, isError: true));
                    break;
            }
        }
        return events;
    }

    private static void ReadTool(JsonElement part, List<AgentEvent> events)
    {
        var name = Json.String(part, "tool") ?? "tool";
        var state = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var input = state.ValueKind == JsonValueKind.Object && state.TryGetProperty("input", out var i) && i.ValueKind == JsonValueKind.Object ? i : default;
        events.Add(AgentEvent.ToolCall(ToolCallSummary(name, input)));
        switch (Json.String(state, "status"))
        {
            case "completed":
                events.Add(AgentEvent.ToolResult(Shorten((Json.String(state, "output") ?? string.Empty).Trim())));
                break;
            case "error":
                events.Add(AgentEvent.ToolResult(Shorten(Json.String(state, "error") ?? "tool error"), isError: true));
                break;
        }
    }

    private static void ReadUsage(JsonElement part, List<AgentEvent> events)
    {
        if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("tokens", out var tokens) || tokens.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        var cached = tokens.TryGetProperty("cache", out var cache) ? Json.Long(cache, "read") + Json.Long(cache, "write") : 0;
        var cost = part.TryGetProperty("cost", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDecimal() : 0m;
        events.Add(AgentEvent.Usage(Json.Long(tokens, "input") + cached, Json.Long(tokens, "output") + Json.Long(tokens, "reasoning"), cost));
    }

    private static string ErrorText(JsonElement root)
    {
        if (!root.TryGetProperty("error", out var error))
        {
            return "opencode reported an error";
        }
        if (error.ValueKind == JsonValueKind.String)
        {
            return error.GetString()!;
        }
        var data = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("data", out var d) ? d : default;
        return Json.String(data, "message") ?? Json.String(error, "message") ?? Json.String(error, "name") ?? error.GetRawText();
    }

    private static string ToolCallSummary(string name, JsonElement input)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            return name;
        }
        foreach (var key in new[] { "command", "filePath", "file_path", "path", "pattern", "url", "description" })
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
