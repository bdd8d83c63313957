using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Dashboard.Review;

/// <summary>The tasks waiting for review, in the order to walk them: higher priority first, then the longest wait.</summary>
public static class ReviewQueue
{
    public static async Task<IReadOnlyList<TaskRecord>> ListAsync(TaskQueries queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var waiting = await queries.ListAsync(TaskState.InReview, cancellationToken);
        return [.. waiting.OrderByDescending(t => t.Priority).ThenBy(t => t.UpdatedAt).ThenBy(t => t.Id)];
    }

    /// <summary>
    /// The task <paramref name="step"/> places after <paramref name="current"/> in the queue (negative: before),
    /// wrapping around; the first in the queue when the current task has left it; null when the queue is empty
    /// or holds only the current task.
    /// </summary>
    public static TaskId? Step(IReadOnlyList<TaskRecord> queue, TaskId current, int step)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var others = queue.Count(t => t.Id != current);
        if (others == 0)
        {
            return null;
        }
        var at = queue.ToList().FindIndex(t => t.Id == current);
        if (at < 0)
        {
            return queue[step >= 0 ? 0 : queue.Count - 1].Id;
        }
        var next = ((at + step) % queue.Count + queue.Count) % queue.Count;
        return queue[next].Id;
    }
}
