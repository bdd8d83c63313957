
using Nightshift.Core.Git;
using Nightshift.Core.Projects;
namespace Nightshift.Core.Merging;

/// <summary>Builds the commit for each strategy from commit ids, in a sealed git directory.</summary>
internal sealed class MergeCommitBuilder(SealedGitDirectory sealedDir)
{
    public async Task<MergePlan> BuildAsync(
        string target, string source, MergeStrategy strategy, string message, CancellationToken cancellationToken)
    {
        if (await IsAncestorAsync(source, target, cancellationToken))
        {
            return MergePlan.AlreadyMerged("the source is already contained in the target");
        }
        return strategy switch
        {
            MergeStrategy.Merge => await MergeCommitAsync(target, source, message, cancellationToken),
            MergeStrategy.Squash => await SquashCommitAsync(target, source, message, cancellationToken),
            MergeStrategy.Rebase => await RebaseAsync(target, source, cancellationToken),
            _ => MergePlan.Failed($"Unknown merge strategy '{strategy}'."),
        };
    }

    /// <remarks>
    /// Always a merge commit, also when the target could fast-forward (<c>--no-ff</c>): the task's
    /// commits stay grouped under one commit that names it, and reverting the task is one revert.
    /// </remarks>
    private async Task<MergePlan> MergeCommitAsync(string target, string source, string message, CancellationToken cancellationToken)
    {
        var merged = await MergeTreeResult.RunAsync(sealedDir, target, source, cancellationToken);
        if (!merged.IsClean)
        {
            return Unmerged(merged);
        }
        var commit = await sealedDir.ReadIdAsync(
            ["commit-tree", merged.Tree!, "-p", target, "-p", source, "-F", "-"], message, cancellationToken);
        return MergePlan.Ready(commit, "merge commit");
    }

    private async Task<MergePlan> SquashCommitAsync(string target, string source, string message, CancellationToken cancellationToken)
    {
        var merged = await MergeTreeResult.RunAsync(sealedDir, target, source, cancellationToken);
        if (!merged.IsClean)
        {
            return Unmerged(merged);
        }
        var targetTree = await sealedDir.ReadIdAsync(["rev-parse", target + "^{tree}"], null, cancellationToken);
        if (string.Equals(merged.Tree, targetTree, StringComparison.Ordinal))
        {
            return MergePlan.AlreadyMerged("the target already has every change of the source");
        }
        var commit = await sealedDir.ReadIdAsync(["commit-tree", merged.Tree!, "-p", target, "-F", "-"], message, cancellationToken);
        return MergePlan.Ready(commit, "squash commit");
    }

    private async Task<MergePlan> RebaseAsync(string target, string source, CancellationToken cancellationToken)
    {
        // Up to date with the target: the branch's own commits land as they are, like `git rebase`
        // followed by a fast-forward.
        if (await IsAncestorAsync(target, source, cancellationToken))
        {
            return MergePlan.Ready(source, "fast-forward to the rebased branch");
        }
        return await new CommitReplay(sealedDir).ReplayAsync(target, source, cancellationToken);
    }

    private async Task<bool> IsAncestorAsync(string ancestor, string descendant, CancellationToken cancellationToken) =>
        (await sealedDir.RunAsync(["merge-base", "--is-ancestor", ancestor, descendant], cancellationToken)).ExitCode == 0;

    internal static MergePlan Unmerged(MergeTreeResult merged) =>
        merged.Error is not null
            ? MergePlan.Failed($"git could not merge: {merged.Error}")
            : MergePlan.Conflict(merged.Conflicts, "conflicts");
}
