namespace Nightshift.Core.Agents;

/// <summary>
/// The agent's service refused to go on because a usage or rate limit of its login was reached.
/// <see cref="ResetAt"/> is when the service said the limit resets; some services say instead how
/// long to wait (<see cref="ResetsIn"/>, counted from when the run ended); neither when the service
/// did not say. <see cref="Message"/> is the CLI's own words, to show as they were.
/// </summary>
public sealed record AgentLimit(DateTimeOffset? ResetAt, string Message)
{
    public TimeSpan? ResetsIn { get; init; }

    /// <summary>When the limit resets by what the service said, or null when it gave no time.</summary>
    public DateTimeOffset? ResetFrom(DateTimeOffset ended) => ResetAt ?? (ended + ResetsIn);
}
