namespace Nightshift.Core.Agents;

/// <summary>
/// The agent's service refused to go on because a usage or rate limit of its login was reached.
/// <see cref="ResetAt"/> is when the service said the limit resets, or null when it did not say;
/// <see cref="Message"/> is the CLI's own words, to show as they were.
/// </summary>
public sealed record AgentLimit(DateTimeOffset? ResetAt, string Message);
