using Nightshift.Core.Comments;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Projects;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Core.Workspaces;
namespace Nightshift.Core.Runs;

/// <summary>A human's cancel, retry and integrate.</summary>
public sealed class TaskControl(TaskBoard board, ActiveRuns active, ProjectRegistry projects, WorktreeManager worktrees)
{
    /// <summary>Fails a task that still has conflict markers; added to a task's checks when it becomes an integration run.</summary>
    public const string NoConflictMarkersCheck = "! grep -rnIE --exclude-dir=.git '^(<<<<<<<|>>>>>>>)( |$)' .";

    /// <summary>Cancels the task; if its agent runs in this process it is stopped (TERM, then KILL). Its branch keeps the work.</summary>
    public async Task<TaskRecord> CancelAsync(TaskId task, string who, CancellationToken cancellationToken)
    {
        var record = await board.TransitionAsync(task, TaskTrigger.Cancel, $"cancelled by {who}", null, cancellationToken);
        active.Cancel(task);
        return record;
    }

    /// <summary>Queues a failed or blocked task again for one more attempt; its branch keeps earlier work.</summary>
    public Task<TaskRecord> RetryAsync(TaskId task, string who, CancellationToken cancellationToken) =>
        board.TransitionAsync(task, TaskTrigger.Reopen, $"retried by {who}", null, cancellationToken, (t, _) => t.NotBefore = null);

    /// <summary>
    /// Turns a conflict into an integration run: the target is merged into the task branch (conflict
    /// markers left in the files), the agent is queued with instructions to resolve them, and the
    /// result goes through checks (including one that no markers remain), review and merge again.
    /// </summary>
    public async Task<TaskRecord> IntegrateAsync(TaskId id, string who, CancellationToken cancellationToken)
    {
        var task = await board.MutateAsync(id, (t, _) =>
        {
            if (t.State != TaskState.Conflict)
            {
                throw new InvalidTransitionException(id, t.State, TaskTrigger.Requeue);
            }
        }, cancellationToken);
        if (task.WorktreePath is null || !Directory.Exists(task.WorktreePath))
        {
            throw new ArgumentException($"Task {id} has no worktree to integrate in; retry it with `nightshift retry {id}` after reopening.");
        }
        var project = await projects.FindAsync(task.ProjectId.ToString(), cancellationToken);
        var worktree = new Worktree(project.RepoPath, task.WorktreePath, task.Branch!, task.HeadCommit ?? string.Empty);
        var result = await worktrees.IntegrateAsync(worktree, task.BaseBranch, cancellationToken);
        var instructions = result.Conflicts.Count == 0
            ? $"{task.BaseBranch} was merged into this branch without conflicts. Make sure everything still works together."
            : $"{task.BaseBranch} was merged into this branch and these files have conflict markers (<<<<<<< / ======= / >>>>>>>): "
                + $"{string.Join(", ", result.Conflicts)}. Resolve each conflict so both sides' intent survives, and remove every marker.";
        return await board.TransitionAsync(id, TaskTrigger.Requeue, $"integration run requested by {who}", null, cancellationToken, (t, db) =>
        {
            t.HeadCommit = result.Commit;
            t.NotBefore = null;
            if (!t.Checks.Contains(NoConflictMarkersCheck))
            {
                t.Checks = [.. t.Checks, NoConflictMarkersCheck];
            }
            db.Comments.Add(new CommentRecord { TaskId = id, Author = "nightshift", Body = instructions, Mode = CommentMode.Queue, CreatedAt = board.Time.GetUtcNow() });
            board.Append(db, t, null, EventKind.Merge, $"Merged {t.BaseBranch} into {t.Branch} at {result.Commit[..12]} for integration; conflicts: {(result.Conflicts.Count == 0 ? "none" : string.Join(", ", result.Conflicts))}", result.Commit);
        });
    }
}
