namespace Nightshift.Core.Agents;

/// <summary>How a session ended.</summary>
public sealed record AgentOutcome
{
    public required bool Succeeded { get; init; }
    public bool Cancelled { get; init; }
    public int? ExitCode { get; init; }
    public string? Summary { get; init; }

    /// <summary>
    /// True when <see cref="Summary"/> only says how the agent ended (a command's exit code), not
    /// what it did: such a line names no commit.
    /// </summary>
    public bool SummaryIsExitStatus { get; init; }
    public string? Error { get; init; }
    public string? SessionId { get; init; }

    /// <summary>The agent's last message in full (a summary may be shortened); the engine fills it from the event stream.</summary>
    public string? LastMessage { get; init; }

    public static AgentOutcome Success(string? summary, int? exitCode = 0, string? sessionId = null) =>
        new() { Succeeded = true, Summary = summary, ExitCode = exitCode, SessionId = sessionId };

    public static AgentOutcome Failure(string error, int? exitCode = null, string? sessionId = null) =>
        new() { Succeeded = false, Error = error, ExitCode = exitCode, SessionId = sessionId };

    /// <summary>
    /// Set when the run stopped on a usage limit of the agent's login: not the agent's failure, and
    /// the engine waits for the reset and resumes the session instead of counting a retry.
    /// </summary>
    public AgentLimit? Limit { get; init; }

    public static AgentOutcome Limited(AgentLimit limit, int? exitCode = null, string? sessionId = null) =>
        new() { Succeeded = false, Limit = limit, Error = limit.Message, ExitCode = exitCode, SessionId = sessionId };

    public static AgentOutcome Stopped(string why) => new() { Succeeded = false, Cancelled = true, Error = why };
}
