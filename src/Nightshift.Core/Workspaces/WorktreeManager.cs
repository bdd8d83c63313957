using Nightshift.Core.Git;

namespace Nightshift.Core.Workspaces;

/// <summary>
/// One checkout and branch per task: created from a base (and set up), checkpointed by engine
/// commits, and removed only when nothing would be lost. Each checkout has a git directory of its
/// own that borrows the repository's objects (<see cref="TaskGitDirectory"/>); the task branch
/// reaches the repository only by the engine's fetch after each checkpoint.
/// </summary>
public sealed class WorktreeManager
{
    internal const string WorktreesGate = "worktrees";

    public static readonly TimeSpan DefaultSetupTimeLimit = TimeSpan.FromMinutes(15);

    private readonly GitCli _git;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _setupTimeLimit;

    public WorktreeManager(GitCli git)
        : this(git, TimeProvider.System)
    {
    }

    public WorktreeManager(GitCli git, TimeProvider timeProvider)
        : this(git, timeProvider, DefaultSetupTimeLimit)
    {
    }

    public WorktreeManager(GitCli git, TimeProvider timeProvider, TimeSpan setupTimeLimit)
    {
        _git = git;
        _timeProvider = timeProvider;
        _setupTimeLimit = setupTimeLimit;
    }

    /// <summary>
    /// Creates <paramref name="branch"/> from <paramref name="baseRef"/> and a checkout of it with its own
    /// git directory at <paramref name="worktreePath"/>, then runs <paramref name="setupScript"/> there.
    /// When the branch already exists (a re-run), it is reused as it is, with its checkout if it has one. A creation
    /// that fails leaves no branch and no folder, and throws <see cref="WorkspaceException"/> (or <see cref="Git.RepositoryException"/> for a branch or base name git cannot use).
    /// </summary>
    public Task<Worktree> CreateAsync(
        string repoPath, string worktreePath, string branch, string baseRef, string? setupScript, CancellationToken cancellationToken) =>
        CreateAsync(repoPath, worktreePath, branch, baseRef, setupScript, new Dictionary<string, string>(), cancellationToken);

    /// <summary>As above, with <paramref name="setupVariables"/> (the run's port block) set for the setup script.</summary>
    public async Task<Worktree> CreateAsync(
        string repoPath, string worktreePath, string branch, string baseRef, string? setupScript, IReadOnlyDictionary<string, string> setupVariables, CancellationToken cancellationToken)
    {
        repoPath = GitPaths.Normalize(repoPath);
        worktreePath = GitPaths.Normalize(worktreePath);
        var repository = await GitRepository.OpenAsync(_git, repoPath, cancellationToken);
        await RefNames.ValidateBranchAsync(_git, repoPath, branch, cancellationToken);
        RefNames.ValidateRevision(baseRef);

        var creation = new WorktreeCreation(_git, repository, repoPath, worktreePath, branch, _timeProvider);
        WorktreeCreation.Prepared prepared;
        using (await RepositoryLocks.EnterAsync(repository.CommonDir, WorktreesGate, cancellationToken))
        {
            prepared = await creation.PrepareAsync(baseRef, cancellationToken);
        }
        if (prepared.Reused || string.IsNullOrWhiteSpace(setupScript))
        {
            return prepared.Worktree;
        }

        string? failure;
        try
        {
            failure = await SetupScript.RunAsync(worktreePath, setupScript, setupVariables, _setupTimeLimit, _timeProvider, cancellationToken);
        }
        catch (Exception)
        {
            await UndoAsync(creation, repository, prepared);
            throw;
        }
        if (failure is not null)
        {
            await UndoAsync(creation, repository, prepared);
            throw new WorkspaceException($"Worktree for '{branch}' at '{worktreePath}' was not created: {failure}");
        }
        return prepared.Worktree;
    }

    /// <summary>
    /// Stages everything in the worktree (new, modified and deleted files) and commits it on the task
    /// branch as the engine. Returns the commit id, or null when nothing changed.
    /// </summary>
    public async Task<string?> CommitAllAsync(Worktree worktree, string message, CancellationToken cancellationToken) =>
        (await CheckpointAsync(worktree, message, cancellationToken)).Commit;

    /// <summary>
    /// Commits whatever the agent left in the task folder as the engine, on top of any commits the agent
    /// made itself, and brings the task branch into the repository; reports what the agent did to its
    /// own git directory (then undone) and to <c>.gitattributes</c>.
    /// </summary>
    public Task<WorkspaceCheckpoint> CheckpointAsync(Worktree worktree, string message, CancellationToken cancellationToken) =>
        new WorktreeCommit(_git, _timeProvider).CheckpointAsync(worktree, message, cancellationToken);

    /// <summary>Whether the repository has <paramref name="branch"/>, or the folder <paramref name="worktreePath"/> exists.</summary>
    public async Task<bool> IsTakenAsync(string repoPath, string worktreePath, string branch, CancellationToken cancellationToken) =>
        Directory.Exists(worktreePath) || File.Exists(worktreePath)
            || await RefNames.ResolveBranchAsync(_git, GitPaths.Normalize(repoPath), branch, cancellationToken) is not null;

    /// <summary>
    /// Merges <paramref name="targetBranch"/> into the task branch as a merge commit, leaving git's
    /// conflict markers in the files that conflict, and updates the worktree's files to it.
    /// </summary>
    public Task<IntegrationResult> IntegrateAsync(Worktree worktree, string targetBranch, CancellationToken cancellationToken) =>
        new WorktreeIntegration(_git, _timeProvider).IntegrateAsync(worktree, targetBranch, cancellationToken);

    /// <summary>The committed work of the task: a unified diff from its base commit to its branch tip.</summary>
    public Task<string> DiffAsync(Worktree worktree, CancellationToken cancellationToken) =>
        new WorktreeCommit(_git, _timeProvider).DiffAsync(worktree, cancellationToken);

    /// <summary>The commit the task branch points at.</summary>
    public async Task<string> HeadAsync(Worktree worktree, CancellationToken cancellationToken) =>
        await RefNames.ResolveBranchAsync(_git, worktree.RepoPath, worktree.Branch, cancellationToken)
            ?? throw new WorkspaceException($"Task branch '{worktree.Branch}' does not exist in '{worktree.RepoPath}'.");

    public Task<RemoveResult> RemoveAsync(Worktree worktree, RemoveOptions options, CancellationToken cancellationToken) =>
        RemoveAsync(worktree.RepoPath, worktree.Path, worktree.Branch, options, cancellationToken);

    /// <summary>
    /// Removes the worktree, and deletes its branch when asked and proven merged. Fails closed: with
    /// uncommitted changes, an unmerged branch, or anything unexpected, nothing is removed and the
    /// result says why.
    /// </summary>
    public Task<RemoveResult> RemoveAsync(
        string repoPath, string worktreePath, string branch, RemoveOptions options, CancellationToken cancellationToken) =>
        new WorktreeRemoval(_git, _timeProvider).RemoveAsync(
            GitPaths.Normalize(repoPath), GitPaths.Normalize(worktreePath), branch, options, cancellationToken);

    /// <summary>The worktrees git knows for the repository, the main one first; task checkouts are not among them.</summary>
    public async Task<IReadOnlyList<WorktreeEntry>> ListAsync(string repoPath, CancellationToken cancellationToken)
    {
        var result = await _git.RunCheckedAsync(repoPath, ["worktree", "list", "--porcelain", "-z"], cancellationToken);
        return WorktreeListParser.Parse(result.StdOut);
    }

    private static async Task UndoAsync(WorktreeCreation creation, GitRepository repository, WorktreeCreation.Prepared prepared)
    {
        // Cleanup runs even when the caller cancelled: a half-made worktree must not stay behind.
        using (await RepositoryLocks.EnterAsync(repository.CommonDir, WorktreesGate, CancellationToken.None))
        {
            await creation.UndoAsync(prepared, CancellationToken.None);
        }
    }
}
