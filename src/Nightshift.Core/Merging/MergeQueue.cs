using System.Collections.Concurrent;
using Nightshift.Core.Events;
using Nightshift.Core.Projects;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Core.Workspaces;

namespace Nightshift.Core.Merging;

/// <summary>
/// Lands approved tasks on their target branch, one at a time per repository. The merge itself is
/// computed without touching any checkout and moves the target only by compare-and-swap
/// (<see cref="MergeEngine"/>); after a merge the task's worktree and branch are cleaned up, fail-closed.
/// </summary>
public sealed class MergeQueue(TaskBoard board, TaskQueries queries, ProjectRegistry projects, MergeEngine engine, WorktreeManager worktrees)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _perRepo = new(StringComparer.Ordinal);

    /// <summary>Merges an approved task; returns it Merged, or in Conflict with the reason (files named).</summary>
    public async Task<TaskRecord> MergeAsync(TaskId id, CancellationToken cancellationToken)
    {
        var task = await queries.FindAsync(id.ToString(), cancellationToken);
        var project = await projects.FindAsync(task.ProjectId.ToString(), cancellationToken);
        var config = await ProjectRegistry.LoadConfigAsync(project, cancellationToken);
        var gate = _perRepo.GetOrAdd(project.RepoPath, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await board.TransitionAsync(id, TaskTrigger.StartMerge, $"{config.MergeStrategy.ToString().ToLowerInvariant()} into {task.BaseBranch}", null, cancellationToken);
            // From here on the merge is not cancellable: a client that hangs up must not leave a
            // task stuck in Merging or a target half-moved.
            var message = $"Merge task {task.Id}: {task.Title}\n\nNightshift branch {task.Branch}";
            var outcome = await engine.MergeAsync(project.RepoPath, task.Branch!, task.BaseBranch, config.MergeStrategy, message, CancellationToken.None);
            if (outcome.Kind != MergeOutcomeKind.Merged)
            {
                return await board.TransitionAsync(id, TaskTrigger.MergeConflicted, Describe(outcome, task), null, CancellationToken.None);
            }
            var merged = await board.TransitionAsync(id, TaskTrigger.MergeSucceeded, $"merged into {task.BaseBranch} at {outcome.Commit![..12]}", null, CancellationToken.None, (t, db) =>
            {
                t.MergedCommit = outcome.Commit;
                board.Append(db, t, null, EventKind.Merge, $"{task.BaseBranch} is now {outcome.Commit}", outcome.Commit);
            });
            await CleanUpAsync(merged, project.RepoPath);
            return merged;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task CleanUpAsync(TaskRecord task, string repoPath)
    {
        if (task.WorktreePath is null)
        {
            return;
        }
        var result = await worktrees.RemoveAsync(repoPath, task.WorktreePath, task.Branch!, RemoveOptions.DeleteBranchMergedInto(task.BaseBranch), CancellationToken.None);
        await board.AppendAsync(task.Id, null, EventKind.Workspace,
            result.Removed ? $"Worktree removed{(result.BranchDeleted ? " and branch deleted" : string.Empty)}" : $"Worktree kept: {result.Reason}", null, CancellationToken.None);
    }

    private static string Describe(MergeOutcome outcome, TaskRecord task) => outcome.Kind switch
    {
        MergeOutcomeKind.Conflict => $"conflicts with {task.BaseBranch} in: {string.Join(", ", outcome.Files)}",
        MergeOutcomeKind.BlockedByLocalChanges => $"your uncommitted changes to {string.Join(", ", outcome.Files)} would be overwritten; commit or stash them, then approve again",
        MergeOutcomeKind.TargetMoved => $"{task.BaseBranch} kept moving while merging; approve again",
        _ => $"merge failed: {outcome.Reason}",
    };
}
