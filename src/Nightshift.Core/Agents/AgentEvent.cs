namespace Nightshift.Core.Agents;

/// <summary>
/// One normalised thing that happened in a session. Every runtime maps its own stream onto these
/// kinds, so the store, the dashboard and the metrics read one shape.
/// </summary>
/// <param name="Kind">output, message, tool, progress, usage or session.</param>
/// <param name="Text">A line a human can read.</param>
public sealed record AgentEvent(AgentEventKind Kind, string Text)
{
    public bool IsError { get; init; }
    public int? Percent { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public decimal CostUsd { get; init; }

    public static AgentEvent Output(string line, bool isError = false) => new(AgentEventKind.Output, line) { IsError = isError };

    public static AgentEvent Message(string text) => new(AgentEventKind.Message, text);

    public static AgentEvent Progress(int? percent, string line) => new(AgentEventKind.Progress, line) { Percent = percent };

    public static AgentEvent ToolCall(string summary) => new(AgentEventKind.ToolCall, summary);

    public static AgentEvent ToolResult(string summary, bool isError = false) => new(AgentEventKind.ToolResult, summary) { IsError = isError };

    public static AgentEvent Usage(long input, long output, decimal cost) =>
        new(AgentEventKind.Usage, $"{input} in, {output} out") { InputTokens = input, OutputTokens = output, CostUsd = cost };
}
