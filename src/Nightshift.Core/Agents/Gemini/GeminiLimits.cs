using System.Globalization;
using System.Text.RegularExpressions;

namespace Nightshift.Core.Agents.Gemini;

/// <summary>
/// How the Gemini CLI says a turn stopped on a quota. It sorts the service's 429
/// <c>RESOURCE_EXHAUSTED</c> itself: a daily quota, or a <c>RetryInfo</c> delay over five minutes,
/// is a <c>TerminalQuotaError</c> it does not retry; a shorter delay is a <c>RetryableQuotaError</c>
/// it waits out, up to ten attempts, and reports only when they are spent. Either way its
/// stream-json result says only <c>error.type</c> <c>unknown</c> and a text: to every 429 it adds
/// the line "Please wait and try again later. To increase your limits, …", and the delay is in the
/// service's own words before it ("Please retry in 7800s.", "Suggested retry after 7800s."). The
/// text is all it gives, so the text is read.
/// </summary>
internal static partial class GeminiLimits
{
    /// <summary>The line the CLI adds to the report of a 429, and to no other.</summary>
    private const string RateLimitLine = "Please wait and try again later.";

    public static AgentLimit? From(string? message) =>
        message is not null && message.Contains(RateLimitLine, StringComparison.Ordinal)
            ? new AgentLimit(null, message) { ResetsIn = Delay(message) }
            : null;

    private static TimeSpan? Delay(string message)
    {
        if (RetryDelay().Match(message) is not { Success: true } match
            || !double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }
        return match.Groups["unit"].Value == "ms" ? TimeSpan.FromMilliseconds(n) : TimeSpan.FromSeconds(n);
    }

    [GeneratedRegex(@"(?:retry in|retry after) (?<n>[0-9]+(?:\.[0-9]+)?)(?<unit>ms|s)\b")]
    private static partial Regex RetryDelay();
}
