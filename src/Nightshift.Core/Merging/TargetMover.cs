
using Nightshift.Core.Git;
namespace Nightshift.Core.Merging;

/// <summary>
/// Moves the target branch from the commit a merge was built on to the merge result, by
/// compare-and-swap only. When the branch is checked out somewhere, that checkout moves with it.
/// </summary>
internal sealed class TargetMover(GitCli git, GitRepository repository, string repoPath)
{
    public async Task<TargetMove> MoveAsync(
        string targetBranch, string oldCommit, string newCommit, string reflogMessage, CancellationToken cancellationToken)
    {
        var listed = await git.RunCheckedAsync(repoPath, ["worktree", "list", "--porcelain", "-z"], cancellationToken);
        var checkouts = WorktreeListParser.Parse(listed.StdOut)
            .Where(e => !e.IsBare && string.Equals(e.Branch, targetBranch, StringComparison.Ordinal) && Directory.Exists(e.Path))
            .ToList();
        if (checkouts.Count > 1)
        {
            return TargetMove.Failed(
                $"'{targetBranch}' is checked out in several worktrees ({string.Join(", ", checkouts.Select(c => c.Path))}); the engine moves it only with one checkout.");
        }
        if (checkouts.Count == 1)
        {
            return await new CheckoutFastForward(git, repository, repoPath)
                .RunAsync(checkouts[0].Path, targetBranch, oldCommit, newCommit, reflogMessage, cancellationToken);
        }

        // The no-lost-commit guarantee: the ref moves only if it still points at the commit the merge
        // was built on, so a commit that landed meanwhile is never overwritten; the caller rebuilds.
        var swapped = await git.RunAsync(
            repoPath, ["update-ref", "-m", reflogMessage, RefNames.BranchPrefix + targetBranch, newCommit, oldCommit], cancellationToken);
        return swapped.Succeeded ? TargetMove.Moved : TargetMove.Stale;
    }
}
