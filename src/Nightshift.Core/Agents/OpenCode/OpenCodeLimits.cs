using System.Text.RegularExpressions;

namespace Nightshift.Core.Agents.OpenCode;

/// <summary>
/// How opencode (1.18) says a turn stopped on a usage or rate limit. It retries a provider's 429
/// itself (five more requests, about 86 s with its doubling back-off, or exactly the wait a
/// <c>retry-after</c> header names) and prints nothing while it waits: <c>run --format json</c>
/// shows no retry status. When it gives up, one <c>error</c> event carries the provider's own
/// message ("The usage limit has been reached", "rate_limit_error: …", "Too Many Requests"), or
/// opencode's own for its hosted plans ("Usage limit reached. It will reset in …"). That text is
/// all it gives, so the text is read; no reset time is in it that can be trusted, so the engine's
/// fixed back-off applies.
/// </summary>
/// <remarks>
/// Not covered: a <c>retry-after</c> longer than a turn should wait is slept out inside opencode,
/// holding the slot, because nothing of that wait reaches its output.
/// </remarks>
internal static partial class OpenCodeLimits
{
    public static AgentLimit? From(string? error) =>
        error is not null && LimitWords().IsMatch(error) ? new AgentLimit(null, error) : null;

    [GeneratedRegex(@"usage limit|rate[ _-]?limit|too many requests|quota exceeded|resource[ _]exhausted|insufficient_quota", RegexOptions.IgnoreCase)]
    private static partial Regex LimitWords();
}
