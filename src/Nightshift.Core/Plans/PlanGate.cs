using Nightshift.Core.Comments;
using Nightshift.Core.Storage;

using Nightshift.Core.Tasks;
namespace Nightshift.Core.Plans;

/// <summary>
/// A human's verdict on a plan-gated task's plan. Approving queues the run that carries the plan
/// out; sending it back queues another planning run with the feedback. Neither holds an agent
/// while the plan waits: the planning run ended when it showed its plan.
/// </summary>
public sealed class PlanGate(TaskBoard board)
{
    /// <summary>Approves the plan shown for approval; a note, if any, reaches the agent with it.</summary>
    public Task<TaskRecord> ApproveAsync(TaskId task, string who, string? note, CancellationToken cancellationToken) =>
        board.TransitionAsync(task, TaskTrigger.ApprovePlan, $"plan approved by {who}", null, cancellationToken, (t, db) =>
        {
            t.PlanApprovedAt = board.Time.GetUtcNow();
            t.NotBefore = null;
            if (!string.IsNullOrWhiteSpace(note))
            {
                AddFeedback(db, t, who, note);
            }
        });

    /// <summary>Sends the plan back: the agent plans again with <paramref name="feedback"/>.</summary>
    public Task<TaskRecord> ReviseAsync(TaskId task, string who, string feedback, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(feedback))
        {
            throw new ArgumentException("Sending a plan back needs feedback: say what the plan should change.");
        }
        return board.TransitionAsync(task, TaskTrigger.RejectPlan, $"plan sent back by {who}", null, cancellationToken, (t, db) =>
        {
            t.NotBefore = null;
            AddFeedback(db, t, who, feedback);
        });
    }

    private void AddFeedback(NightshiftDb db, TaskRecord task, string who, string text)
    {
        var body = text.Trim();
        db.Comments.Add(new CommentRecord { TaskId = task.Id, Author = who, Body = body, Mode = CommentMode.Queue, CreatedAt = board.Time.GetUtcNow() });
        board.Append(db, task, null, EventKind.Comment, $"{who} (on the plan): {body}");
    }
}
