
using Nightshift.Core.Git;
namespace Nightshift.Core.Merging;

/// <summary>
/// Rebase without a checkout: each source commit not yet on the target (by patch id, as <c>git
/// rebase</c> skips them) is applied on top of the target with merge-tree, and recommitted with its
/// author, author date and message. Commits that become empty are dropped; merge commits are not
/// replayed, as <c>git rebase</c> does by default.
/// </summary>
internal sealed class CommitReplay(SealedGitDirectory sealedDir)
{
    public async Task<MergePlan> ReplayAsync(string target, string source, CancellationToken cancellationToken)
    {
        var listed = await sealedDir.RunCheckedAsync(
            ["rev-list", "--reverse", "--topo-order", "--no-merges", "--right-only", "--cherry-pick", $"{target}...{source}"], cancellationToken);
        var commits = listed.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var emptyTree = await sealedDir.ReadIdAsync(["mktree"], string.Empty, cancellationToken);

        var onto = target;
        var ontoTree = await TreeOfAsync(target, cancellationToken);
        foreach (var id in commits)
        {
            var original = CommitObject.Parse((await sealedDir.RunCheckedAsync(["cat-file", "commit", id], cancellationToken)).StdOut);
            var parentTree = original.FirstParent is null ? emptyTree : await TreeOfAsync(original.FirstParent, cancellationToken);
            var picked = await PickAsync(parentTree, ontoTree, original.Tree, cancellationToken);
            if (!picked.IsClean)
            {
                var plan = MergeCommitBuilder.Unmerged(picked);
                return plan with { Description = $"{plan.Description} while replaying {id[..Math.Min(12, id.Length)]}" };
            }
            if (string.Equals(picked.Tree, ontoTree, StringComparison.Ordinal))
            {
                continue;
            }
            onto = await sealedDir.ReadIdAsync(
                ["commit-tree", picked.Tree!, "-p", onto, "-F", "-"], original.Message, original.AuthorEnvironment(), cancellationToken);
            ontoTree = picked.Tree!;
        }
        return string.Equals(onto, target, StringComparison.Ordinal)
            ? MergePlan.AlreadyMerged("every commit of the source is already in the target")
            : MergePlan.Ready(onto, $"{commits.Length} commit(s) replayed");
    }

    /// <summary>Applies the change from <paramref name="baseTree"/> to <paramref name="theirsTree"/> onto <paramref name="oursTree"/>.</summary>
    private async Task<MergeTreeResult> PickAsync(string baseTree, string oursTree, string theirsTree, CancellationToken cancellationToken)
    {
        if (string.Equals(baseTree, oursTree, StringComparison.Ordinal))
        {
            return new MergeTreeResult(theirsTree, [], null);
        }
        // merge-tree in git 2.39 finds the merge base itself (--merge-base came in 2.40), so two
        // throwaway commits on a common parent holding the base tree make it the one it finds.
        var parent = await sealedDir.ReadIdAsync(["commit-tree", baseTree, "-F", "-"], "nightshift: replay base\n", cancellationToken);
        var ours = await sealedDir.ReadIdAsync(["commit-tree", oursTree, "-p", parent, "-F", "-"], "nightshift: replay onto\n", cancellationToken);
        var theirs = await sealedDir.ReadIdAsync(["commit-tree", theirsTree, "-p", parent, "-F", "-"], "nightshift: replay pick\n", cancellationToken);
        return await MergeTreeResult.RunAsync(sealedDir, ours, theirs, cancellationToken);
    }

    private Task<string> TreeOfAsync(string commit, CancellationToken cancellationToken) =>
        sealedDir.ReadIdAsync(["rev-parse", commit + "^{tree}"], null, cancellationToken);
}
