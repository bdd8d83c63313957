
namespace Nightshift.Core.Git;

/// <summary>
/// What the engine reads from a repository before working on it: where its shared git directory
/// and object store are, its object format, and the few config values that change how content is
/// stored (line endings, file modes) without naming any program.
/// </summary>
internal sealed record GitRepository(string CommonDir, string ObjectFormat, IReadOnlyList<KeyValuePair<string, string>> ContentConfig, string? InfoExclude)
{
    // Only keys whose values are data. Anything that can name a program stays behind.
    private const string ContentConfigPattern =
        "^core\\.(autocrlf|eol|safecrlf|filemode|symlinks|ignorecase|precomposeunicode|checkroundtripencoding|bigfilethreshold|sharedrepository)$";

    public string ObjectsDir => Path.Combine(CommonDir, "objects");

    public static async Task<GitRepository> OpenAsync(GitCli git, string repoPath, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(repoPath))
        {
            throw new RepositoryException($"Repository folder '{repoPath}' does not exist.");
        }
        var located = await git.RunAsync(
            repoPath, ["rev-parse", "--path-format=absolute", "--git-common-dir", "--show-object-format"], cancellationToken);
        if (!located.Succeeded)
        {
            throw new RepositoryException($"'{repoPath}' is not a git repository: {located.StdErr.Trim()}");
        }
        var lines = located.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var commonDir = GitPaths.Normalize(lines[0]);

        var config = await git.RunAsync(repoPath, ["config", "-z", "--get-regexp", ContentConfigPattern], cancellationToken);
        var exclude = Path.Combine(commonDir, "info", "exclude");
        return new GitRepository(
            commonDir,
            lines.Length > 1 ? lines[1].Trim() : "sha1",
            config.Succeeded ? ParseConfig(config.StdOut) : [],
            File.Exists(exclude) ? await File.ReadAllTextAsync(exclude, cancellationToken) : null);
    }

    private static List<KeyValuePair<string, string>> ParseConfig(string output)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var entry in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var newline = entry.IndexOf('\n', StringComparison.Ordinal);
            pairs.Add(newline < 0
                ? new(entry, "true")
                : new(entry[..newline], entry[(newline + 1)..]));
        }
        return pairs;
    }
}
