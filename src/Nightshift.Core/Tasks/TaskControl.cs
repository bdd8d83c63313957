using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Tasks;

/// <summary>A human's cancel and retry.</summary>
public sealed class TaskControl(TaskBoard board, ActiveRuns active)
{
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
}
