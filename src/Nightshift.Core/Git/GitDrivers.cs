namespace Nightshift.Core.Git;

/// <summary>
/// Second layer of <see cref="GitHardening"/>, for commands run in a real repository: the filter, diff
/// and merge drivers its effective config defines are found just before the command runs and
/// neutralised for that command.
/// </summary>
/// <remarks>
/// An agent that writes a new driver between the scan and the command is not caught here, which is
/// why the engine's own content, merge and diff work runs in a <see cref="SealedGitDirectory"/>.
/// The overrides travel as <c>GIT_CONFIG_KEY_n</c>/<c>GIT_CONFIG_VALUE_n</c> pairs, which rank with
/// <c>-c</c> but cannot be misread when a driver name contains '='.
/// </remarks>
internal static class GitDrivers
{
    public const string ScanPattern = "^(filter|diff|merge)\\..+\\.(clean|smudge|process|textconv|command|driver)$";

    // Subcommands that never read attributes, so never run a driver. Anything else is scanned.
    private static readonly HashSet<string> DriverFree = new(StringComparer.Ordinal)
    {
        "rev-parse", "update-ref", "symbolic-ref", "for-each-ref", "show-ref", "merge-base", "config",
        "check-ref-format", "cat-file", "mktree", "commit-tree", "ls-tree", "version", "init", "branch",
        "tag", "reflog", "count-objects", "var",
    };

    private static readonly HashSet<string> DriverFreeWorktreeVerbs = new(StringComparer.Ordinal) { "list", "lock", "unlock", "prune" };

    public static bool MayRun(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument is "-c" or "-C" or "--git-dir" or "--work-tree")
            {
                i++;
                continue;
            }
            if (argument.StartsWith('-'))
            {
                continue;
            }
            if (argument == "worktree")
            {
                return i + 1 >= arguments.Count || !DriverFreeWorktreeVerbs.Contains(arguments[i + 1]);
            }
            return !DriverFree.Contains(argument);
        }
        return true;
    }

    /// <summary>The neutralising settings for the drivers named in <c>git config -z --get-regexp</c> output.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Overrides(string scanOutput)
    {
        var overrides = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in scanOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var newline = entry.IndexOf('\n', StringComparison.Ordinal);
            var key = newline < 0 ? entry : entry[..newline];
            var firstDot = key.IndexOf('.', StringComparison.Ordinal);
            var lastDot = key.LastIndexOf('.');
            if (firstDot < 0 || lastDot <= firstDot || !seen.Add(key[..lastDot]))
            {
                continue;
            }
            var section = key[..firstDot];
            var driver = key[..lastDot];
            switch (section)
            {
                case "filter":
                    // An empty command means "no filter": content passes through unchanged.
                    overrides.Add(new($"{driver}.clean", string.Empty));
                    overrides.Add(new($"{driver}.smudge", string.Empty));
                    overrides.Add(new($"{driver}.process", string.Empty));
                    overrides.Add(new($"{driver}.required", "false"));
                    break;
                case "diff":
                    // Empty commands make git refuse ("cannot run") instead of running one; engine diffs
                    // pass --no-ext-diff --no-textconv and never need them.
                    overrides.Add(new($"{driver}.textconv", string.Empty));
                    overrides.Add(new($"{driver}.command", string.Empty));
                    break;
                default:
                    // `false` makes the file a conflict, so nothing is merged by a program the agent chose.
                    overrides.Add(new($"{driver}.driver", "false"));
                    break;
            }
        }
        return overrides;
    }
}
