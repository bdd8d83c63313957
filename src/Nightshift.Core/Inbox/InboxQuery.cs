using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Comments;
using Nightshift.Core.Reviews;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Inbox;

/// <summary>Everything that needs a human, most urgent first; within a kind, higher priority and then the longest wait first.</summary>
public sealed class InboxQuery(IDbContextFactory<NightshiftDb> dbs)
{
    private static readonly TaskState[] Waiting =
        [TaskState.NeedsInput, TaskState.AwaitingPlanApproval, TaskState.Conflict, TaskState.Failed, TaskState.Blocked, TaskState.InReview];

    public async Task<IReadOnlyList<InboxItem>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        // One statement: each waiting task with its latest state change, which is when it started waiting.
        var rows = await db.Tasks.AsNoTracking().Include(t => t.DependsOn)
            .Where(t => Waiting.Contains(t.State))
            .Select(t => new
            {
                Task = t,
                Since = db.Events.Where(e => e.TaskId == t.Id && e.Kind == EventKind.StateChanged)
                    .OrderByDescending(e => e.Seq).Select(e => (DateTimeOffset?)e.At).FirstOrDefault(),
                // Whether a follow-up changed nothing (FollowUpNotice), from the latest review and run.
                Decision = db.Reviews.Where(v => v.TaskId == t.Id).OrderByDescending(v => v.Id).Select(v => (ReviewDecision?)v.Decision).FirstOrDefault(),
                ReviewedAt = db.Reviews.Where(v => v.TaskId == t.Id).OrderByDescending(v => v.Id).Select(v => (DateTimeOffset?)v.CreatedAt).FirstOrDefault(),
                Attempt = db.Runs.Where(r => r.TaskId == t.Id).OrderByDescending(r => r.Attempt).Select(r => (int?)r.Attempt).FirstOrDefault(),
                ChangedNothing = db.Runs.Where(r => r.TaskId == t.Id).OrderByDescending(r => r.Attempt).Select(r => r.ChangedNothing).FirstOrDefault(),
                StartedAt = db.Runs.Where(r => r.TaskId == t.Id).OrderByDescending(r => r.Attempt).Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefault(),
                Undelivered = db.Comments.Count(c => c.TaskId == t.Id && c.DeliveredAt == null && (c.Mode == CommentMode.Steer || c.Mode == CommentMode.Queue)),
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r =>
        {
            var unchanged = FollowUpNotice.Applies(r.Decision, r.ReviewedAt, r.ChangedNothing, r.StartedAt) ? r.Attempt : null;
            return ToItem(r.Task, r.Since ?? r.Task.UpdatedAt, unchanged) with { UndeliveredFeedback = r.Undelivered };
        }).ToList();
        return [.. items.OrderBy(i => i.Kind).ThenByDescending(i => i.Task.Priority).ThenBy(i => i.Since)];
    }

    private static InboxItem ToItem(TaskRecord t, DateTimeOffset since, int? unchangedFollowUp)
    {
        var reason = t.StateReason ?? string.Empty;
        return t.State switch
        {
            TaskState.NeedsInput => new(t, InboxKind.Question, $"asks: {reason}", since, $"nightshift answer {t.Id} \"…\""),
            TaskState.AwaitingPlanApproval => new(t, InboxKind.PlanApproval, "plan ready for approval", since, $"nightshift plan {t.Id}   then   nightshift plan approve {t.Id}   (or: nightshift plan revise {t.Id} -m \"…\")"),
            TaskState.Conflict => new(t, InboxKind.Conflict, reason, since, $"nightshift integrate {t.Id}   (the agent resolves it), or nightshift approve {t.Id} to try again"),
            TaskState.Failed => new(t, InboxKind.Failed, reason, since, $"nightshift logs {t.Id}   then   nightshift retry {t.Id}"),
            TaskState.Blocked => new(t, InboxKind.Blocked, reason, since, $"nightshift retry {t.Id}   (once its dependency is fixed)"),
            // A follow-up that changed nothing is told first: the reason would read as if the change was made.
            _ => new(t, InboxKind.Review, unchangedFollowUp is { } run ? FollowUpNotice.Text(run) : reason.Length > 0 ? reason : "ready for review", since, $"nightshift diff {t.Id}   then   nightshift approve {t.Id}"),
        };
    }
}
