namespace Nightshift.Core.Specs;

/// <summary>Finds the known name a mistyped one most likely meant, for "did you mean" hints.</summary>
public static class ClosestName
{
    /// <summary>
    /// The candidate that matches ignoring case and separators (<c>dependsOn</c>, <c>depends-on</c>),
    /// else the one within a small edit distance or containing the input; null when nothing is close
    /// enough to be a typo.
    /// </summary>
    public static string? Find(string input, IEnumerable<string> candidates)
    {
        var wanted = Normalize(input);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var known = Normalize(candidate);
            if (known == wanted)
            {
                return candidate;
            }
            var distance = EditDistance(wanted, known);
            if (IsPartOf(wanted, known) || IsPartOf(known, wanted))
            {
                // "retries" for "max_retries", "depends" for "depends_on".
                distance = Math.Min(distance, 1);
            }
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        // One edit in short words, up to a third of the letters in longer ones: close enough to be a typo.
        var allowed = Math.Max(1, Math.Min(wanted.Length, best?.Length ?? 0) / 3);
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>"; did you mean 'x'?" or an empty string.</summary>
    public static string Hint(string input, IEnumerable<string> candidates) =>
        Find(input, candidates) is { } match ? $"; did you mean '{match}'?" : string.Empty;

    /// <summary>Joins choices for a message: "a, b or c".</summary>
    public static string OneOf(IReadOnlyList<string> choices) =>
        choices.Count <= 1
            ? string.Concat(choices)
            : $"{string.Join(", ", choices.Take(choices.Count - 1))} or {choices[^1]}";

    private static bool IsPartOf(string part, string whole) =>
        part.Length >= 4 && whole.Contains(part, StringComparison.Ordinal);

    private static string Normalize(string name) =>
        new([.. name.Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant)]);

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
