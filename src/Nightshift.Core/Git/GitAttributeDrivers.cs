namespace Nightshift.Core.Git;

/// <summary>
/// Finds filter, diff and merge drivers that a task's <c>.gitattributes</c> newly names and the
/// repository does not define. The engine never runs them, but any clone whose config later defines
/// such a name (a user's or CI's) would run that program on checkout, diff or merge.
/// </summary>
internal static class GitAttributeDrivers
{
    // Names git knows without any config: word-diff patterns and the built-in merge drivers.
    private static readonly HashSet<string> BuiltIn = new(StringComparer.Ordinal)
    {
        "diff=ada", "diff=bash", "diff=bibtex", "diff=cpp", "diff=csharp", "diff=css", "diff=dts", "diff=elixir", "diff=fortran",
        "diff=fountain", "diff=golang", "diff=html", "diff=java", "diff=kotlin", "diff=markdown", "diff=matlab", "diff=objc",
        "diff=pascal", "diff=perl", "diff=php", "diff=python", "diff=ruby", "diff=rust", "diff=scheme", "diff=tex",
        "merge=text", "merge=binary", "merge=union",
    };

    private static readonly string[] Kinds = ["filter", "diff", "merge"];

    /// <summary>One line per new name, as "filter=x in path/.gitattributes".</summary>
    public static async Task<IReadOnlyList<string>> FindUndefinedAsync(
        GitCli git, string repoPath, SealedGitDirectory sealedDir, string baseCommit, string head, CancellationToken cancellationToken)
    {
        var changed = await sealedDir.RunAsync(["diff", "--name-only", "-z", "--no-renames", baseCommit, head, "--"], cancellationToken);
        var files = changed.StdOut.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetFileName(p), ".gitattributes", StringComparison.Ordinal))
            .ToList();
        if (!changed.Succeeded || files.Count == 0)
        {
            return [];
        }
        var defined = await DefinedAsync(git, repoPath, cancellationToken);
        var found = new List<string>();
        foreach (var file in files)
        {
            var before = Names(await ReadAsync(sealedDir, baseCommit, file, cancellationToken));
            found.AddRange(Names(await ReadAsync(sealedDir, head, file, cancellationToken))
                .Where(n => !before.Contains(n) && !defined.Contains(n) && !BuiltIn.Contains(n))
                .Select(n => $"{n} in {file}"));
        }
        return found;
    }

    internal static HashSet<string> Names(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }
            // The first field is the pattern (or a macro's name); the others are attributes.
            foreach (var field in trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Skip(1))
            {
                if (Kinds.Any(k => field.StartsWith(k + "=", StringComparison.Ordinal) && field.Length > k.Length + 1))
                {
                    names.Add(field);
                }
            }
        }
        return names;
    }

    private static async Task<HashSet<string>> DefinedAsync(GitCli git, string repoPath, CancellationToken cancellationToken)
    {
        var config = await git.RunAsync(repoPath, ["config", "-z", "--name-only", "--get-regexp", "^(filter|diff|merge)\\."], cancellationToken);
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in config.StdOut.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var firstDot = key.IndexOf('.', StringComparison.Ordinal);
            var lastDot = key.LastIndexOf('.');
            if (firstDot > 0 && lastDot > firstDot)
            {
                defined.Add($"{key[..firstDot]}={key[(firstDot + 1)..lastDot]}");
            }
        }
        return defined;
    }

    private static async Task<string> ReadAsync(SealedGitDirectory sealedDir, string commit, string path, CancellationToken cancellationToken)
    {
        var blob = await sealedDir.RunAsync(["cat-file", "blob", $"{commit}:{path}"], cancellationToken);
        return blob.Succeeded ? blob.StdOut : string.Empty;
    }
}
