using Nightshift.Core.Git;

namespace Nightshift.Core.Workspaces;

/// <summary>The steps of creating one task worktree, and their undoing. Callers hold the repository's worktree gate.</summary>
internal sealed class WorktreeCreation(
    GitCli git, GitRepository repository, string repoPath, string worktreePath, string branch, TimeProvider timeProvider)
{
    private string BranchRef => RefNames.BranchPrefix + branch;

    public async Task<Prepared> PrepareAsync(string baseRef, CancellationToken cancellationToken)
    {
        var baseCommit = await RefNames.ResolveCommitAsync(git, repoPath, baseRef, cancellationToken)
            ?? throw new WorkspaceException($"Cannot create a worktree for '{branch}': base '{baseRef}' is not a commit in '{repoPath}'.");
        var tip = await RefNames.ResolveBranchAsync(git, repoPath, branch, cancellationToken);
        if (GitPaths.Same(worktreePath, repoPath) || GitPaths.Same(Path.Combine(worktreePath, ".git"), repository.CommonDir))
        {
            throw new WorkspaceException($"'{worktreePath}' is the repository itself; a task needs a folder of its own.");
        }

        // A re-run of the task: the folder and its own branch are reused exactly as they are, so no
        // commit and no uncommitted file is lost.
        if (TaskGitDirectory.IsPresent(worktreePath))
        {
            var taskDir = TaskGitDirectory.Of(git, repository, worktreePath);
            if (await taskDir.BranchTipAsync(branch, cancellationToken) is null)
            {
                throw new WorkspaceException(
                    $"The folder '{worktreePath}' holds a git directory without the task branch '{branch}'. Move it away or remove it, then retry.");
            }
            var forkPoint = tip is null ? baseCommit : await ForkPointAsync(baseCommit, tip, cancellationToken);
            return new Prepared(new Worktree(repoPath, worktreePath, branch, forkPoint), Reused: true, false, false);
        }
        if (await LegacyWorktree.TryConvertAsync(git, repository, repoPath, worktreePath, branch, tip, timeProvider, cancellationToken))
        {
            var forkPoint = tip is null ? baseCommit : await ForkPointAsync(baseCommit, tip, cancellationToken);
            return new Prepared(new Worktree(repoPath, worktreePath, branch, forkPoint), Reused: true, false, false);
        }

        var folderExisted = EnsureFolderIsFree();
        if (tip is null)
        {
            // An empty old value creates the ref only if it does not exist yet.
            await git.RunCheckedAsync(
                repoPath, ["update-ref", "-m", "nightshift: create task branch", BranchRef, baseCommit, string.Empty], cancellationToken);
        }
        var prepared = new Prepared(
            new Worktree(repoPath, worktreePath, branch, tip is null ? baseCommit : await ForkPointAsync(baseCommit, tip, cancellationToken)),
            Reused: false,
            CreatedBranch: tip is null,
            FolderExisted: folderExisted);
        try
        {
            await CloneAndCheckOutAsync(tip ?? baseCommit, baseRef, baseCommit, cancellationToken);
        }
        catch (Exception ex)
        {
            await UndoAsync(prepared, CancellationToken.None);
            if (ex is OperationCanceledException)
            {
                throw;
            }
            throw new WorkspaceException($"Worktree for '{branch}' at '{worktreePath}' was not created: {ex.Message}", ex);
        }
        return prepared;
    }

    /// <summary>Removes what <see cref="PrepareAsync"/> made; a reused folder or branch is never touched.</summary>
    public async Task UndoAsync(Prepared prepared, CancellationToken cancellationToken)
    {
        if (prepared.Reused)
        {
            return;
        }
        // The folder holds nothing but this call's checkout and setup output: no agent has worked in it yet.
        if (Directory.Exists(worktreePath))
        {
            Directory.Delete(worktreePath, recursive: true);
        }
        if (prepared.CreatedBranch)
        {
            // Deleted only while it still points at the base: a branch that got commits is kept.
            await git.RunAsync(repoPath, ["update-ref", "-d", BranchRef, prepared.Worktree.BaseCommit], cancellationToken);
        }
        if (prepared.FolderExisted)
        {
            Directory.CreateDirectory(worktreePath);
        }
    }

    private async Task CloneAndCheckOutAsync(string commit, string baseRef, string baseCommit, CancellationToken cancellationToken)
    {
        // The task's own git directory, borrowing the repository's objects: its refs, config and
        // hooks are not the repository's, so nothing the agent does there reaches the user's.
        Directory.CreateDirectory(worktreePath);
        var taskDir = TaskGitDirectory.Of(git, repository, worktreePath);
        taskDir.Create(branch);
        var created = await taskDir.SetBranchAsync(branch, commit, string.Empty, cancellationToken);
        if (!created.Succeeded)
        {
            throw new WorkspaceException($"Could not create branch '{branch}' in '{worktreePath}': {created.StdErr.Trim()}");
        }
        // The base branch too, as the agent's own copy, so that `git diff main` works there; moving it
        // moves nothing in the repository.
        if (!string.Equals(baseRef, branch, StringComparison.Ordinal)
            && await RefNames.ResolveBranchAsync(git, repoPath, baseRef, cancellationToken) is not null)
        {
            await taskDir.SetBranchAsync(baseRef, baseCommit, string.Empty, cancellationToken);
        }
        // No checkout by git itself: files are written from the sealed directory, where no smudge
        // filter or post-checkout hook exists.
        using var sealedDir = SealedGitDirectory.Create(git, repository, worktreePath, commit, taskDir.ObjectsDir);
        await sealedDir.RunCheckedAsync(["read-tree", "-u", "--reset", commit], cancellationToken);
        if (!await taskDir.InstallIndexAsync(sealedDir.IndexFile, timeProvider, cancellationToken))
        {
            throw new WorkspaceException($"The index of the new worktree '{worktreePath}' is locked by another git command.");
        }
    }

    private bool EnsureFolderIsFree()
    {
        if (File.Exists(worktreePath))
        {
            throw new WorkspaceException($"Cannot create a worktree at '{worktreePath}': a file is there.");
        }
        if (!Directory.Exists(worktreePath))
        {
            return false;
        }
        if (Directory.EnumerateFileSystemEntries(worktreePath).Any())
        {
            throw new WorkspaceException($"Cannot create a worktree at '{worktreePath}': the folder exists and is not empty. Remove it or choose another folder.");
        }
        return true;
    }

    private async Task<string> ForkPointAsync(string baseCommit, string tip, CancellationToken cancellationToken)
    {
        var mergeBase = await git.RunAsync(repoPath, ["merge-base", baseCommit, tip], cancellationToken);
        return mergeBase.Succeeded ? mergeBase.StdOut.Trim() : baseCommit;
    }

    internal sealed record Prepared(Worktree Worktree, bool Reused, bool CreatedBranch, bool FolderExisted);
}
