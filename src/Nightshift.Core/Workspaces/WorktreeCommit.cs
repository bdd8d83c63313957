namespace Nightshift.Core.Workspaces;

/// <summary>Engine commits of a task worktree, and the diff of its committed work.</summary>
internal sealed class WorktreeCommit(GitCli git, TimeProvider timeProvider)
{
    public async Task<string?> CommitAllAsync(Worktree worktree, string message, CancellationToken cancellationToken)
    {
        var repository = await GitRepository.OpenAsync(git, worktree.RepoPath, cancellationToken);
        var branchRef = RefNames.BranchPrefix + worktree.Branch;
        var head = await git.RunAsync(worktree.Path, ["symbolic-ref", "-q", "HEAD"], cancellationToken);
        if (!string.Equals(head.StdOut.Trim(), branchRef, StringComparison.Ordinal))
        {
            var actual = head.Succeeded ? head.StdOut.Trim() : "a detached HEAD";
            throw new WorkspaceException(
                $"Worktree '{worktree.Path}' is on {actual}, not on its task branch '{worktree.Branch}'; the engine commits only on the task branch.");
        }
        var tip = await RefNames.ResolveBranchAsync(git, worktree.RepoPath, worktree.Branch, cancellationToken)
            ?? throw new WorkspaceException($"Task branch '{worktree.Branch}' does not exist in '{worktree.RepoPath}'.");

        // Staged into a fresh index from the tip in the sealed directory: the agent's own index (and
        // any flags in it) is ignored, and no clean filter, hook or fsmonitor it configured can run.
        using var sealedDir = SealedGitDirectory.Create(git, repository, worktree.Path, tip);
        await sealedDir.RunCheckedAsync(["read-tree", tip], cancellationToken);
        await sealedDir.RunCheckedAsync(["add", "--all", "--", "."], cancellationToken);
        var tree = await sealedDir.ReadIdAsync(["write-tree"], null, cancellationToken);
        var tipTree = await sealedDir.ReadIdAsync(["rev-parse", tip + "^{tree}"], null, cancellationToken);
        if (string.Equals(tree, tipTree, StringComparison.Ordinal))
        {
            return null;
        }

        var commit = await sealedDir.ReadIdAsync(["commit-tree", tree, "-p", tip, "-F", "-"], CommitMessages.Normalize(message), cancellationToken);
        // Compare-and-swap: the branch moves only from the tip this commit is built on, so a commit
        // made meanwhile (by anyone) is never dropped.
        var moved = await git.RunAsync(
            worktree.RepoPath, ["update-ref", "-m", "nightshift: checkpoint", branchRef, commit, tip], cancellationToken);
        if (!moved.Succeeded)
        {
            throw new WorkspaceException(
                $"Task branch '{worktree.Branch}' moved while the engine was committing; nothing was committed. Try again. ({moved.StdErr.Trim()})");
        }

        // Best effort: with the new index the worktree shows clean to the agent. If another git command
        // holds the index, the commit stands and only `git status` there looks stale until it refreshes.
        await CheckoutIndex.InstallAsync(git, worktree.Path, sealedDir.IndexFile, timeProvider, cancellationToken);
        return commit;
    }

    public async Task<string> DiffAsync(Worktree worktree, CancellationToken cancellationToken)
    {
        var repository = await GitRepository.OpenAsync(git, worktree.RepoPath, cancellationToken);
        var tip = await RefNames.ResolveBranchAsync(git, worktree.RepoPath, worktree.Branch, cancellationToken)
            ?? throw new WorkspaceException($"Task branch '{worktree.Branch}' does not exist in '{worktree.RepoPath}'.");
        using var sealedDir = SealedGitDirectory.Create(git, repository, null, tip);
        // --no-ext-diff and --no-textconv: no diff driver runs even if the sealed config had one.
        var diff = await sealedDir.RunCheckedAsync(
            ["diff", "--no-ext-diff", "--no-textconv", "--no-color", "--binary", worktree.BaseCommit, tip], cancellationToken);
        return diff.StdOut;
    }
}
