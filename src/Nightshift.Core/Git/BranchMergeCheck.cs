namespace Nightshift.Core.Git;

/// <summary>Proves that a branch's work is in a target, before the branch may be deleted.</summary>
internal static class BranchMergeCheck
{
    /// <summary>Returns how the branch is merged, or null when that cannot be shown.</summary>
    /// <remarks>
    /// Three proofs, in order: the tip is an ancestor of the target (merge or fast-forward); every
    /// commit has a patch-equivalent on the target (<c>git cherry</c> prints only <c>-</c> lines:
    /// rebase merges, single-commit squashes); merging the branch into the target would change
    /// nothing (multi-commit squash merges, whose one commit matches no single branch commit).
    /// Anything else, conflicts included, keeps the branch.
    /// </remarks>
    public static async Task<string?> ProveMergedAsync(
        GitCli git, GitRepository repository, string branchTip, string targetTip, CancellationToken cancellationToken)
    {
        using var sealedDir = SealedGitDirectory.Create(git, repository, null, targetTip);
        var ancestor = await sealedDir.RunAsync(["merge-base", "--is-ancestor", branchTip, targetTip], cancellationToken);
        if (ancestor.ExitCode == 0)
        {
            return "its tip is contained in the target";
        }

        var cherry = await sealedDir.RunAsync(["cherry", targetTip, branchTip], cancellationToken);
        var lines = cherry.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (cherry.Succeeded && lines.Length > 0 && lines.All(l => l.StartsWith('-')))
        {
            return "every commit has an equivalent patch in the target";
        }

        var merged = await sealedDir.RunAsync(["merge-tree", "--write-tree", "--no-messages", targetTip, branchTip], cancellationToken);
        if (merged.ExitCode == 0)
        {
            var mergedTree = merged.StdOut.Split('\n')[0].Trim();
            var targetTree = await sealedDir.ReadIdAsync(["rev-parse", targetTip + "^{tree}"], null, cancellationToken);
            if (string.Equals(mergedTree, targetTree, StringComparison.Ordinal))
            {
                return "its changes are already in the target (squash merge)";
            }
        }
        return null;
    }
}
