namespace Nightshift.Core.Specs;

/// <summary>
/// Durations written as whole numbers with units, largest first: <c>45s</c>, <c>30m</c>,
/// <c>1h30m</c>, <c>2h</c>, <c>1d</c>. Each of d, h, m and s appears at most once; the total is
/// more than zero and at most <see cref="Max"/>.
/// </summary>
public static class DurationParser
{
    public static TimeSpan Max { get; } = TimeSpan.FromDays(7);

    private const string Example = "e.g. 45s, 30m, 1h30m or 2d";
    private const string Units = "dhms";

    public static bool TryParse(string text, out TimeSpan value, out string reason)
    {
        value = TimeSpan.Zero;
        reason = Problem(text.Trim(), out var seconds) ?? string.Empty;
        if (reason.Length > 0)
        {
            return false;
        }
        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    private static string? Problem(string text, out long seconds)
    {
        seconds = 0;
        if (text.Length == 0)
        {
            return $"the duration is empty; write a number and a unit, {Example}";
        }
        var lastUnit = -1;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            if (i == start)
            {
                return char.IsWhiteSpace(text[i])
                    ? Spaced(text)
                    : $"'{text}' is not a duration; write whole numbers each followed by d, h, m or s, {Example}";
            }
            if (i == text.Length)
            {
                return $"'{text}' has no unit after {text[start..]}; add d, h, m or s, {Example}";
            }
            var unit = Units.IndexOf(text[i], StringComparison.Ordinal);
            if (unit < 0)
            {
                return UnitProblem(text, text[i]);
            }
            if (unit <= lastUnit)
            {
                return $"'{text}' repeats a unit or has them out of order; write the largest first, each once, e.g. 1d2h30m";
            }
            lastUnit = unit;
            // Digits beyond nine already exceed the limit in any unit; stop before the number overflows.
            if (i - start > 9)
            {
                return TooLong(text);
            }
            seconds += long.Parse(text.AsSpan(start, i - start), provider: null) * SecondsPer(text[i]);
            i++;
        }
        if (seconds == 0)
        {
            return $"'{text}' is zero; a duration must be longer than 0, {Example}";
        }
        return seconds > (long)Max.TotalSeconds ? TooLong(text) : null;
    }

    private static string UnitProblem(string text, char found) => found switch
    {
        '.' or ',' => $"'{text}' has a fraction; use whole numbers of smaller units, e.g. 1h30m instead of 1.5h",
        _ when char.IsWhiteSpace(found) => Spaced(text),
        'D' or 'H' or 'M' or 'S' => $"'{text}' has the unit '{found}'; units are lowercase: d, h, m or s",
        _ => $"'{text}' has the unknown unit '{found}'; use d, h, m or s, {Example}",
    };

    private static string Spaced(string text) => $"'{text}' has a space; write the parts together, e.g. 1h30m";

    private static string TooLong(string text) => $"'{text}' is longer than the limit of 7d; use 7d or less";

    private static long SecondsPer(char unit) => unit switch
    {
        'd' => 86_400,
        'h' => 3_600,
        'm' => 60,
        _ => 1,
    };
}
