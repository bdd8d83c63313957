using Nightshift.Core.Git;

namespace Nightshift.Core.Workspaces;

/// <summary>
/// Brings a task's branch from its own git directory into the repository: the objects by a fetch,
/// the branch by compare-and-swap. The only way task work reaches the repository's refs.
/// </summary>
internal static class TaskBranchFetch
{
    // The fetch writes objects only: no ref, no FETCH_HEAD, no tag, no submodule, no maintenance.
    // Objects are checked as they arrive (fsck), and fetch checks that the commit's history is whole.
    private static readonly GitRunOptions FetchOptions = new() { Config = ["transfer.fsckObjects=true", "fetch.writeCommitGraph=false"] };

    /// <summary>
    /// Fetches <paramref name="commit"/> from the task's store into the repository and moves the
    /// repository's <paramref name="branch"/> to it from <paramref name="expected"/> (null: the branch
    /// must not exist). Throws <see cref="WorkspaceException"/> when either step fails; the repository's
    /// refs are then as they were.
    /// </summary>
    public static async Task PublishAsync(
        GitCli git, GitRepository repository, string repoPath, TaskGitDirectory taskDir, string branch, string commit, string? expected, CancellationToken cancellationToken)
    {
        // The source is an engine-written directory that reads the task's objects, not the task's own
        // git directory: the upload-pack that git starts for a local fetch reads its source's config
        // without the engine's overrides, and the task's config is the agent's to write.
        using (var source = SealedGitDirectory.Create(git, repository, null, commit, taskDir.ObjectsDir))
        {
            source.SetBranch("task", commit);
            var fetched = await git.RunAsync(
                repoPath,
                ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--no-recurse-submodules", "--no-auto-maintenance", "--end-of-options", source.Dir, "refs/heads/task"],
                FetchOptions,
                cancellationToken);
            if (!fetched.Succeeded)
            {
                throw new WorkspaceException($"The work of task branch '{branch}' could not be brought into '{repoPath}': {fetched.StdErr.Trim()}");
            }
        }
        var type = await git.RunAsync(repoPath, ["cat-file", "-t", commit], cancellationToken);
        if (!type.Succeeded || type.StdOut.Trim() != "commit")
        {
            throw new WorkspaceException($"The tip of task branch '{branch}' ({commit}) is not a commit in '{repoPath}'.");
        }
        var moved = await git.RunAsync(
            repoPath, ["update-ref", "-m", "nightshift: checkpoint", RefNames.BranchPrefix + branch, commit, expected ?? string.Empty], cancellationToken);
        if (!moved.Succeeded)
        {
            throw new WorkspaceException(
                $"Task branch '{branch}' moved in '{repoPath}' while the engine was bringing in its work; nothing changed there. Try again. ({moved.StdErr.Trim()})");
        }
    }
}
