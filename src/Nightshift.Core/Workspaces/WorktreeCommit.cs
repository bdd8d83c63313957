using Nightshift.Core.Git;

namespace Nightshift.Core.Workspaces;

/// <summary>
/// Checkpoints of a task checkout: the engine commits the files the agent left on the task's own
/// branch, then brings that branch into the repository; and the diff of the committed work.
/// </summary>
internal sealed class WorktreeCommit(GitCli git, TimeProvider timeProvider)
{
    public async Task<WorkspaceCheckpoint> CheckpointAsync(Worktree worktree, string message, CancellationToken cancellationToken)
    {
        var repository = await GitRepository.OpenAsync(git, worktree.RepoPath, cancellationToken);
        var taskDir = TaskGitDirectory.Of(git, repository, worktree.Path);
        taskDir.EnsureShape();
        // What the agent did to its own git directory is reported, then undone before any engine
        // command reads that directory, and before a person opens the folder.
        var changes = await taskDir.InspectAsync(cancellationToken);
        if (changes.Count > 0)
        {
            taskDir.Restore();
        }

        var branchRef = RefNames.BranchPrefix + worktree.Branch;
        var headRef = await taskDir.HeadRefAsync(cancellationToken);
        if (!string.Equals(headRef, branchRef, StringComparison.Ordinal))
        {
            throw new WorkspaceException(
                $"Worktree '{worktree.Path}' is on {headRef ?? "a detached HEAD"}, not on its task branch '{worktree.Branch}'; the engine commits only on the task branch.");
        }
        var tip = await taskDir.BranchTipAsync(worktree.Branch, cancellationToken)
            ?? throw new WorkspaceException($"Task branch '{worktree.Branch}' does not exist in the task folder '{worktree.Path}'.");
        var published = await RefNames.ResolveBranchAsync(git, worktree.RepoPath, worktree.Branch, cancellationToken);

        // Staged into a fresh index from the tip in the sealed directory: the agent's own index (and
        // any flags in it) is ignored, and no clean filter, hook or fsmonitor it configured can run.
        using var sealedDir = SealedGitDirectory.Create(git, repository, worktree.Path, tip, taskDir.ObjectsDir);
        var since = published ?? worktree.BaseCommit;
        var agentCommits = int.Parse(await sealedDir.ReadIdAsync(["rev-list", "--count", $"{since}..{tip}"], null, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        var rewritten = (await sealedDir.RunAsync(["merge-base", "--is-ancestor", since, tip], cancellationToken)).ExitCode != 0;
        await sealedDir.RunCheckedAsync(["read-tree", tip], cancellationToken);
        await sealedDir.RunCheckedAsync(["add", "--all", "--", "."], cancellationToken);
        var tree = await sealedDir.ReadIdAsync(["write-tree"], null, cancellationToken);
        var tipTree = await sealedDir.ReadIdAsync(["rev-parse", tip + "^{tree}"], null, cancellationToken);
        string? commit = null;
        if (!string.Equals(tree, tipTree, StringComparison.Ordinal))
        {
            commit = await sealedDir.ReadIdAsync(["commit-tree", tree, "-p", tip, "-F", "-"], CommitMessages.Normalize(message), cancellationToken);
            // Compare-and-swap: the branch moves only from the tip this commit is built on, so a commit
            // the agent made meanwhile is never dropped.
            var moved = await taskDir.SetBranchAsync(worktree.Branch, commit, tip, cancellationToken);
            if (!moved.Succeeded)
            {
                throw new WorkspaceException(
                    $"Task branch '{worktree.Branch}' moved while the engine was committing; nothing was committed. Try again. ({moved.StdErr.Trim()})");
            }
        }
        var head = commit ?? tip;
        if (!string.Equals(head, published, StringComparison.Ordinal))
        {
            await TaskBranchFetch.PublishAsync(git, repository, worktree.RepoPath, taskDir, worktree.Branch, head, published, cancellationToken);
        }
        if (commit is not null)
        {
            // Best effort: with the new index the worktree shows clean to the agent. If another git
            // command holds the index, the commit stands and only `git status` there looks stale.
            await taskDir.InstallIndexAsync(sealedDir.IndexFile, timeProvider, cancellationToken);
        }
        var drivers = await GitAttributeDrivers.FindUndefinedAsync(git, worktree.RepoPath, sealedDir, worktree.BaseCommit, head, cancellationToken);
        return new WorkspaceCheckpoint(commit, head, agentCommits, rewritten, changes, drivers);
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
