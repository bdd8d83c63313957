namespace Nightshift.ScriptedModel;

/// <summary>
/// One assistant reply: text, tool calls, or both. <see cref="Usage"/> is reported as given; when
/// null the server estimates it (about four characters a token) so budgets still move.
/// </summary>
public sealed record ScriptedTurn
{
    public string? Text { get; init; }
    public IReadOnlyList<ScriptedToolCall> ToolCalls { get; init; } = [];

    /// <summary>How long the server waits before it answers; the wait ends early if the client goes away.</summary>
    public TimeSpan Delay { get; init; }

    public ScriptedUsage? Usage { get; init; }

    /// <summary>When set, the reply is the service's usage-limit refusal instead of a turn.</summary>
    public ScriptedLimit? Limit { get; init; }
}
