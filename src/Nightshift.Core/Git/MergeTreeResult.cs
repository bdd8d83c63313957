
namespace Nightshift.Core.Git;

/// <summary>
/// One <c>git merge-tree --write-tree</c>: the merged tree, or the files in conflict. It writes objects
/// only and touches no checkout, index or ref.
/// </summary>
internal sealed record MergeTreeResult(string? Tree, IReadOnlyList<string> Conflicts, string? Error)
{
    public bool IsClean => Tree is not null && Conflicts.Count == 0 && Error is null;

    public static async Task<MergeTreeResult> RunAsync(SealedGitDirectory sealedDir, string ours, string theirs, CancellationToken cancellationToken)
    {
        // In the sealed directory no merge driver an agent configured exists, and no attributes file
        // of the repository is read, so file contents merge with git's built-in text merge.
        var result = await sealedDir.RunAsync(
            ["merge-tree", "--write-tree", "--name-only", "-z", "--no-messages", ours, theirs], cancellationToken);
        if (result.ExitCode is not (0 or 1))
        {
            return new MergeTreeResult(null, [], result.StdErr.Trim());
        }
        var fields = result.StdOut.Split('\0');
        var conflicts = result.ExitCode == 0
            ? []
            : fields.Skip(1).TakeWhile(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (result.ExitCode == 1 && conflicts.Count == 0)
        {
            conflicts.Add("(git reported a conflict without naming a file)");
        }
        return new MergeTreeResult(fields[0].Trim(), conflicts, null);
    }
}
