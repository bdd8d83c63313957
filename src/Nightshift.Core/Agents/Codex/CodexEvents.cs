using System.Globalization;
using System.Text.Json.Nodes;

namespace Nightshift.Core.Agents.Codex;

/// <summary>
/// Turns the app server's notifications into normalised events: agent messages, commands, file
/// changes and MCP tool calls as tool calls and results, token usage, warnings and errors as output.
/// Remembers the last agent message, which is the run's summary.
/// </summary>
internal sealed class CodexEvents
{
    private const int MaxSummary = 400;

    private long _reportedInput;
    private long _reportedOutput;

    /// <summary>The last thing the agent said: the answer a turn ends with.</summary>
    public string? LastMessage { get; private set; }

    /// <summary>
    /// Whether a turn was started by this run. A resumed thread first reports the totals of its
    /// earlier runs: those were counted then, so they only set the baseline here.
    /// </summary>
    public Func<string, bool> IsOwnTurn { get; init; } = _ => true;

    public List<AgentEvent> Read(CodexMessage message)
    {
        var events = new List<AgentEvent>();
        var p = message.Params;
        switch (message.Method)
        {
            case null:
                events.Add(AgentEvent.Output(message.Line));
                break;
            case "item/started" when p["item"] is JsonObject item && Started(item) is { } call:
                events.Add(AgentEvent.ToolCall(Shorten(call)));
                break;
            case "item/completed" when p["item"] is JsonObject item:
                Completed(item, events);
                break;
            case "thread/tokenUsage/updated" when (p["tokenUsage"]?["total"]) is JsonObject total:
                Usage(total, IsOwnTurn(p["turnId"]?.ToString() ?? string.Empty), events);
                break;
            case "error" when (p["error"]?["message"]) is JsonValue error:
                var retrying = p["willRetry"] is JsonValue r && r.TryGetValue<bool>(out var will) && will;
                events.Add(AgentEvent.Output((retrying ? "codex will retry: " : "codex error: ") + error, isError: true));
                break;
            case "warning" when p["message"] is JsonValue warning:
                events.Add(AgentEvent.Output("codex warning: " + warning, isError: true));
                break;
            case "configWarning" when p["summary"] is JsonValue summary:
                events.Add(AgentEvent.Output("codex warning: " + summary, isError: true));
                break;
        }
        return events;
    }

    private static string? Started(JsonObject item) => Text(item, "type") switch
    {
        "commandExecution" => "shell: " + Command(item),
        "fileChange" => "edit: " + Paths(item),
        "mcpToolCall" => $"{Text(item, "server")}.{Text(item, "tool")} {item["arguments"]?.ToJsonString() ?? "{}"}",
        "dynamicToolCall" => $"{Text(item, "tool")} {item["arguments"]?.ToJsonString() ?? "{}"}",
        "webSearch" => "web search: " + Text(item, "query"),
        _ => null,
    };

    private void Completed(JsonObject item, List<AgentEvent> events)
    {
        var status = Text(item, "status");
        var failed = status is "failed" or "declined";
        switch (Text(item, "type"))
        {
            case "agentMessage" when Text(item, "text").Trim() is { Length: > 0 } text:
                LastMessage = text;
                events.Add(AgentEvent.Message(text));
                break;
            case "plan" when Text(item, "text").Trim() is { Length: > 0 } plan:
                events.Add(new AgentEvent(AgentEventKind.Plan, plan));
                break;
            case "commandExecution":
                var exit = item["exitCode"] is JsonValue e && e.TryGetValue<int>(out var code) ? code : (int?)null;
                var output = Text(item, "aggregatedOutput").Trim();
                var line = output.Length > 0 ? output : string.Create(CultureInfo.InvariantCulture, $"{status}, exit code {exit?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
                events.Add(AgentEvent.ToolResult(Shorten(line), failed || exit is not (null or 0)));
                break;
            case "fileChange":
                events.Add(AgentEvent.ToolResult($"{status}: {Paths(item)}", failed));
                break;
            case "mcpToolCall":
                var error = item["error"]?["message"] is JsonValue m ? m.ToString() : null;
                var result = item["result"]?["content"] is JsonArray content
                    ? string.Join("\n", content.Select(c => c?["text"] is JsonValue t ? t.ToString() : string.Empty).Where(t => t.Length > 0))
                    : string.Empty;
                events.Add(AgentEvent.ToolResult(Shorten(error ?? (result.Length > 0 ? result : status)), failed || error is not null));
                break;
        }
    }

    /// <summary>The app server reports running totals; each event counts only what was spent since the last one.</summary>
    private void Usage(JsonObject total, bool ownTurn, List<AgentEvent> events)
    {
        var input = Long(total, "inputTokens");
        var output = Long(total, "outputTokens");
        var (dIn, dOut) = (Math.Max(0, input - _reportedInput), Math.Max(0, output - _reportedOutput));
        _reportedInput = Math.Max(input, _reportedInput);
        _reportedOutput = Math.Max(output, _reportedOutput);
        if (ownTurn && (dIn > 0 || dOut > 0))
        {
            events.Add(AgentEvent.Usage(dIn, dOut, 0m));
        }
    }

    /// <summary>The command as the model wrote it, not wrapped in the shell that runs it.</summary>
    private static string Command(JsonObject item)
    {
        if (item["commandActions"] is JsonArray actions && actions.Count > 0)
        {
            var written = actions.Select(a => a is JsonObject o ? Text(o, "command") : string.Empty).Where(c => c.Length > 0).Distinct().ToList();
            if (written.Count > 0)
            {
                return string.Join(" ; ", written);
            }
        }
        return Text(item, "command");
    }

    private static string Paths(JsonObject item) =>
        item["changes"] is JsonArray changes
            ? string.Join(", ", changes.Select(c => c is JsonObject o ? Text(o, "path") : string.Empty).Where(p => p.Length > 0))
            : string.Empty;

    internal static string Text(JsonObject element, string property) =>
        element[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;

    internal static long Long(JsonObject element, string property) =>
        element[property] is JsonValue value && value.TryGetValue<long>(out var n) ? n : 0;

    private static string Shorten(string text) => text.Length <= MaxSummary ? text : text[..MaxSummary] + "…";
}
