namespace Nightshift.Core.Specs;

/// <summary>
/// A spec file cut into its YAML front matter and Markdown body. Line endings are normalised to
/// '\n' and a UTF-8 byte order mark is dropped, so line numbers match what an editor shows.
/// </summary>
/// <param name="FrontMatter">The YAML between the '---' lines; null when the file has none. It starts on line 2.</param>
/// <param name="Body">The Markdown after the front matter without leading or trailing blank lines.</param>
/// <param name="BodyLine">The file line the body starts on; where an empty body ends up pointing.</param>
internal sealed record SpecSections(string? FrontMatter, string Body, int BodyLine)
{
    public const int FrontMatterLineOffset = 1;

    private const string Fence = "---";

    /// <summary>Null when the front matter is never closed (the error is added).</summary>
    public static SpecSections? Split(string text, string fileName, List<SpecError> errors)
    {
        var lines = Normalize(text).Split('\n');
        if (lines[^1].Length == 0 && lines.Length > 1)
        {
            lines = lines[..^1];
        }
        if (!IsFence(lines[0]))
        {
            return WithBody(null, lines, 0);
        }
        var close = Array.FindIndex(lines, 1, IsFence);
        if (close < 0)
        {
            errors.Add(new SpecError(fileName, 1, 1, "front matter",
                "starts with '---' on line 1 but is never closed; add a '---' line after the last field"));
            return null;
        }
        // Each YAML line keeps its line break, as in the file, so a block scalar ('|') on the last
        // line reads the same as anywhere else.
        var frontMatter = string.Concat(lines[1..close].Select(line => line + "\n"));
        return WithBody(frontMatter, lines, close + 1);
    }

    private static SpecSections WithBody(string? frontMatter, string[] lines, int first)
    {
        var start = first;
        var end = lines.Length;
        while (start < end && string.IsNullOrWhiteSpace(lines[start]))
        {
            start++;
        }
        while (end > start && string.IsNullOrWhiteSpace(lines[end - 1]))
        {
            end--;
        }
        // An empty body points at the line after the front matter, or the last line when there is none.
        var bodyLine = start < end ? start + 1 : Math.Min(first + 1, Math.Max(lines.Length, 1));
        return new SpecSections(frontMatter, string.Join('\n', lines[start..end]), bodyLine);
    }

    private static bool IsFence(string line) => line.TrimEnd() == Fence;

    private static string Normalize(string text)
    {
        var withoutBom = text.StartsWith('\uFEFF') ? text[1..] : text;
        return withoutBom.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }
}
