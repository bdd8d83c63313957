using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Events;
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
            })
            .ToListAsync(cancellationToken);
        var inReview = rows.Where(r => r.Task.State == TaskState.InReview).Select(r => r.Task.Id).ToList();
        var reviews = (await db.Reviews.AsNoTracking().Where(r => inReview.Contains(r.TaskId)).ToListAsync(cancellationToken)).ToLookup(r => r.TaskId);
        var runs = (await db.Runs.AsNoTracking().Where(r => inReview.Contains(r.TaskId)).ToListAsync(cancellationToken)).ToLookup(r => r.TaskId);
        var items = rows.Select(r => ToItem(r.Task, r.Since ?? r.Task.UpdatedAt,
            FollowUpNotice.UnchangedFollowUp([.. runs[r.Task.Id]], [.. reviews[r.Task.Id]]))).ToList();
        return [.. items.OrderBy(i => i.Kind).ThenByDescending(i => i.Task.Priority).ThenBy(i => i.Since)];
    }

    private static InboxItem ToItem(TaskRecord t, DateTimeOffset since, RunRecord? unchangedFollowUp)
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
            _ => new(t, InboxKind.Review, unchangedFollowUp is { } run ? FollowUpNotice.Text(run.Attempt) : reason.Length > 0 ? reason : "ready for review", since, $"nightshift diff {t.Id}   then   nightshift approve {t.Id}"),
        };
    }
}
