using System.IO.Enumeration;
using System.Text;
using System.Text.RegularExpressions;

namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>search: a regular expression over the worktree's text files, answered as <c>path:line: text</c>, bounded.</summary>
internal sealed class SearchTool(WorktreePaths paths)
{
    private const int MaxMatches = 200;
    private const int MaxLineChars = 240;
    private const long MaxFileBytes = 1_000_000;
    private static readonly TimeSpan MatchTimeLimit = TimeSpan.FromSeconds(1);

    public async Task<string> SearchAsync(string pattern, string? path, string? glob, CancellationToken cancellationToken)
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeLimit);
        }
        catch (ArgumentException ex)
        {
            throw new ToolException($"'{pattern}' is not a valid regular expression: {ex.Message}");
        }
        var root = paths.Resolve(path);
        IEnumerable<FileInfo> files = File.Exists(root)
            ? [new FileInfo(root)]
            : Directory.Exists(root)
                ? WorktreeWalk.Entries(root, recursive: true).OfType<FileInfo>()
                : throw new ToolException($"no file or folder '{path}' in the worktree");
        var results = new StringBuilder();
        var matches = 0;
        foreach (var file in files.Where(f => f.LinkTarget is null && f.Length <= MaxFileBytes && Matches(glob, f.Name)))
        {
            var lines = await File.ReadAllLinesAsync(file.FullName, cancellationToken);
            if (lines.Any(l => l.Contains('\0', StringComparison.Ordinal)))
            {
                continue;
            }
            for (var i = 0; i < lines.Length; i++)
            {
                if (!IsMatch(regex, lines[i]))
                {
                    continue;
                }
                if (++matches > MaxMatches)
                {
                    results.Append($"[stopped after {MaxMatches} matches; narrow the pattern, the path or the glob]");
                    return results.ToString();
                }
                var line = lines[i].Length > MaxLineChars ? lines[i][..MaxLineChars] + "…" : lines[i];
                results.Append(paths.Relative(file.FullName)).Append(':').Append(i + 1).Append(": ").Append(line.Trim()).Append('\n');
            }
        }
        return matches == 0 ? "no matches" : results.ToString().TrimEnd('\n');
    }

    private static bool Matches(string? glob, string name) =>
        string.IsNullOrWhiteSpace(glob) || FileSystemName.MatchesSimpleExpression(glob, name, ignoreCase: false);

    private static bool IsMatch(Regex regex, string line)
    {
        try
        {
            return regex.IsMatch(line);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new ToolException($"the pattern took too long on a line; simplify '{regex}'");
        }
    }
}
