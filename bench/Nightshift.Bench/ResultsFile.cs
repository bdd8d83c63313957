namespace Nightshift.Bench;

/// <summary>
/// bench/results.md holds the dispatch report and, after it, sections other benches own, each
/// between its own markers; a bench rewrites only its part.
/// </summary>
internal static class ResultsFile
{
    public static async Task WriteSectionAsync(string path, string name, string markdown)
    {
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : string.Empty;
        var (start, end) = Markers(name);
        var section = $"{start}\n{markdown.TrimEnd()}\n{end}\n";
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? text[..from] + section + text[(to + end.Length)..].TrimStart('\n')
            : text.TrimEnd() + (text.Length > 0 ? "\n\n" : string.Empty) + section;
        await File.WriteAllTextAsync(path, text);
    }

    /// <summary>Replaces the part before the first section, keeping every section.</summary>
    public static async Task WriteMainAsync(string path, string markdown)
    {
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : string.Empty;
        var first = text.IndexOf("<!-- section:", StringComparison.Ordinal);
        var sections = first >= 0 ? "\n" + text[first..] : string.Empty;
        await File.WriteAllTextAsync(path, markdown.TrimEnd() + "\n" + sections);
    }

    private static (string Start, string End) Markers(string name) => ($"<!-- section:{name} -->", $"<!-- end:{name} -->");
}
