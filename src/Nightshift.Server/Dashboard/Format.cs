using System.Globalization;

namespace Nightshift.Server.Dashboard;

/// <summary>Short, readable times and amounts for the dashboard.</summary>
public static class Format
{
    public static string Ago(DateTimeOffset since, DateTimeOffset now) => Duration(now - since);

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        return span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds}s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours}h {span.Minutes}m"
            : $"{(int)span.TotalDays}d";
    }

    public static string Cost(decimal? usd) => usd is > 0 ? "$" + usd.Value.ToString("0.00##", CultureInfo.InvariantCulture) : "-";

    public static string Tokens(long tokens) => tokens switch
    {
        >= 1_000_000 => (tokens / 1_000_000d).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (tokens / 1_000d).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => tokens.ToString(CultureInfo.InvariantCulture),
    };
}
