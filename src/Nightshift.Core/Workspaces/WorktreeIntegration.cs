
using Nightshift.Core.Git;
namespace Nightshift.Core.Workspaces;

/// <summary>
/// Brings a task branch up to date with its target so its conflicts can be resolved in the task's
/// worktree: the target is merged into the branch as a real merge commit (so the next merge the
/// other way sees the target in the branch's history), conflicting files carry git's markers, and
/// the worktree's files are updated to that commit. All of it runs in a sealed git directory.
/// </summary>
internal sealed class WorktreeIntegration(GitCli git, TimeProvider timeProvider)
{
    public async Task<IntegrationResult> IntegrateAsync(Worktree worktree, string targetBranch, CancellationToken cancellationToken)
    {
        var repository = await GitRepository.OpenAsync(git, worktree.RepoPath, cancellationToken);
        var branchRef = RefNames.BranchPrefix + worktree.Branch;
        var tip = await RefNames.ResolveBranchAsync(git, worktree.RepoPath, worktree.Branch, cancellationToken)
            ?? throw new WorkspaceException($"Task branch '{worktree.Branch}' does not exist in '{worktree.RepoPath}'.");
        var target = await RefNames.ResolveBranchAsync(git, worktree.RepoPath, targetBranch, cancellationToken)
            ?? throw new WorkspaceException($"Target branch '{targetBranch}' does not exist in '{worktree.RepoPath}'.");

        var taskDir = TaskGitDirectory.Of(git, repository, worktree.Path);
        taskDir.EnsureShape();
        if (!string.Equals(await taskDir.BranchTipAsync(worktree.Branch, cancellationToken), tip, StringComparison.Ordinal))
        {
            throw new WorkspaceException(
                $"The task folder '{worktree.Path}' is not at the tip of '{worktree.Branch}' in the repository; run the task again so its work is checkpointed, then integrate.");
        }

        using var sealedDir = SealedGitDirectory.Create(git, repository, worktree.Path, tip, taskDir.ObjectsDir);
        var merge = await MergeTreeResult.RunAsync(sealedDir, tip, target, cancellationToken);
        if (merge.Tree is null)
        {
            throw new WorkspaceException($"Could not merge '{targetBranch}' into '{worktree.Branch}': {merge.Error}");
        }
        var message = merge.Conflicts.Count == 0
            ? $"Integrate {targetBranch} into {worktree.Branch}"
            : $"Integrate {targetBranch} into {worktree.Branch}\n\nConflicts left for the agent to resolve:\n{string.Join('\n', merge.Conflicts.Select(f => "  " + f))}";
        var commit = await sealedDir.ReadIdAsync(["commit-tree", merge.Tree, "-p", tip, "-p", target, "-F", "-"], CommitMessages.Normalize(message), cancellationToken);

        // Files first, from the tip the worktree shows to the merge commit; read-tree refuses if the
        // worktree has changes it would overwrite, so nothing uncommitted is lost.
        await sealedDir.RunCheckedAsync(["read-tree", tip], cancellationToken);
        // A fresh index has no stat data: refresh it from the files, or read-tree sees every file as changed.
        await sealedDir.RunAsync(["update-index", "-q", "--refresh"], cancellationToken);
        await sealedDir.RunCheckedAsync(["read-tree", "-m", "-u", tip, commit], cancellationToken);
        // Then the branch, by compare-and-swap: it moves only from the tip the merge was built on.
        var moved = await git.RunAsync(worktree.RepoPath, ["update-ref", "-m", "nightshift: integrate", branchRef, commit, tip], cancellationToken);
        if (!moved.Succeeded)
        {
            await sealedDir.RunAsync(["read-tree", "-m", "-u", commit, tip], CancellationToken.None);
            throw new WorkspaceException($"Task branch '{worktree.Branch}' moved during the integration; nothing changed. Try again.");
        }
        // The task's own branch follows; nothing runs in the task folder while its task waits in Conflict.
        await taskDir.SetBranchAsync(worktree.Branch, commit, tip, cancellationToken);
        await taskDir.InstallIndexAsync(sealedDir.IndexFile, timeProvider, cancellationToken);
        return new IntegrationResult(commit, merge.Conflicts);
    }
}
