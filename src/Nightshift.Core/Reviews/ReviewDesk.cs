using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Comments;
using Nightshift.Core.Merging;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Reviews;

/// <summary>
/// A human's decisions on a task in review. Only this class approves, and it is reached only from
/// the authenticated API: nothing an agent can call approves or merges.
/// </summary>
public sealed class ReviewDesk(IDbContextFactory<NightshiftDb> dbs, TaskBoard board, MergeQueue merges)
{
    /// <summary>Approves the task and merges it; returns the task as it is after the merge (Merged, or Conflict with the reason).</summary>
    public async Task<TaskRecord> ApproveAsync(TaskId task, string reviewer, string? message, CancellationToken cancellationToken)
    {
        var waited = await WaitedForReviewAsync(task, cancellationToken);
        await board.TransitionAsync(task, TaskTrigger.Approve, $"approved by {reviewer}", null, cancellationToken, (t, db) =>
        {
            db.Reviews.Add(new ReviewRecord
            {
                TaskId = task,
                Reviewer = reviewer,
                Decision = ReviewDecision.Approved,
                Message = message,
                Commit = t.HeadCommit,
                CreatedAt = board.Time.GetUtcNow(),
                WaitedForReview = waited,
            });
            board.Append(db, t, null, EventKind.Review, $"{reviewer} approved{(message is null ? string.Empty : $": {message}")}");
        });
        return await merges.MergeAsync(task, cancellationToken);
    }

    /// <summary>Requests changes: the message becomes a review comment, and a follow-up run is queued that receives it.</summary>
    public async Task<TaskRecord> RejectAsync(TaskId task, string reviewer, string message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            throw new ArgumentException("Say what to change: `nightshift reject ID -m \"what is wrong and what to do\"`.");
        }
        var waited = await WaitedForReviewAsync(task, cancellationToken);
        await board.TransitionAsync(task, TaskTrigger.RequestChanges, $"changes requested by {reviewer}", null, cancellationToken, (t, db) =>
        {
            var now = board.Time.GetUtcNow();
            db.Reviews.Add(new ReviewRecord
            {
                TaskId = task,
                Reviewer = reviewer,
                Decision = ReviewDecision.ChangesRequested,
                Message = message,
                Commit = t.HeadCommit,
                CreatedAt = now,
                WaitedForReview = waited,
            });
            db.Comments.Add(new CommentRecord { TaskId = task, Author = reviewer, Body = message.Trim(), Mode = CommentMode.Review, CreatedAt = now });
            board.Append(db, t, null, EventKind.Review, $"{reviewer} requested changes: {message}");
        });
        return await board.TransitionAsync(task, TaskTrigger.Requeue, "follow-up run for the requested changes", null, cancellationToken);
    }

    private async Task<TimeSpan> WaitedForReviewAsync(TaskId task, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var since = await db.Events
            .Where(e => e.TaskId == task && e.Kind == EventKind.StateChanged && e.ToState == TaskState.InReview)
            .OrderByDescending(e => e.Seq)
            .Select(e => (DateTimeOffset?)e.At)
            .FirstOrDefaultAsync(cancellationToken);
        return since is { } at ? board.Time.GetUtcNow() - at : TimeSpan.Zero;
    }
}
