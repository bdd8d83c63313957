using System.Globalization;
using System.Text;

namespace Nightshift.Core.Dispatch;

/// <summary>
/// The one wording of a usage-limit wait, shared by the task's state reason and the queue hold
/// that <c>ls</c>, <c>show</c>, <c>inbox</c>, the API and the dashboard show:
/// <c>usage limit of claude-code reached; resumes at 00:50 (in 2 h 10 min)</c>.
/// </summary>
public static class AgentLimitText
{
    /// <summary>
    /// The wait in words. <paramref name="countdown"/> adds how long is left, which only a reading
    /// made now may say; a reason stored with the task leaves it out, as it would go stale.
    /// </summary>
    public static string Describe(string agent, DateTimeOffset resetAt, bool resetKnown, DateTimeOffset now, TimeZoneInfo zone, bool countdown = true)
    {
        var at = TimeZoneInfo.ConvertTime(resetAt, zone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var clock = at.Date == local.Date
            ? at.ToString("HH:mm", CultureInfo.InvariantCulture)
            : at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var given = resetKnown ? string.Empty : " (it gave no reset time)";
        var left = countdown ? $" (in {Span(resetAt - now)})" : string.Empty;
        return $"usage limit of {agent} reached{given}; resumes at {clock}{left}";
    }

    /// <summary>A wait as people say it: <c>2 h 10 min</c>, <c>45 min</c>, <c>less than a minute</c>.</summary>
    public static string Span(TimeSpan wait)
    {
        var minutes = (long)Math.Ceiling(Math.Max(0, wait.TotalMinutes));
        if (minutes < 1)
        {
            return "less than a minute";
        }
        var text = new StringBuilder();
        if (minutes >= 24 * 60)
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes / (24 * 60)} d ");
            minutes %= 24 * 60;
        }
        if (minutes >= 60)
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes / 60} h ");
            minutes %= 60;
        }
        if (minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes} min");
        }
        return text.ToString().TrimEnd();
    }
}
