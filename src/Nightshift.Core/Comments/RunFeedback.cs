using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Agents;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Comments;

/// <summary>
/// The developer's side of one run, backed by the store: comments are marked delivered (when, and
/// to this run) in the same transaction that hands them to the agent, so a comment is never
/// delivered twice or lost between the two.
/// </summary>
public sealed class RunFeedback(IDbContextFactory<NightshiftDb> dbs, RunFence fence, TaskBoard board, EventSignal signal, RunLease lease) : IAgentFeedback
{
    private readonly TaskId _task = lease.TaskId;
    private readonly RunId _run = lease.RunId;

    // A person reads "run 2" as the task's second run, as the log's "Run 2 started" says: never the global run id.
    private readonly int _attempt = lease.Attempt;

    /// <summary>How often a waiting question looks for its answer when no signal woke it.</summary>
    public static readonly TimeSpan AnswerPoll = TimeSpan.FromSeconds(2);

    public Task<IReadOnlyList<string>> TakeSteeringAsync(CancellationToken cancellationToken) =>
        TakeAsync(CommentMode.Steer, cancellationToken);

    public Task<IReadOnlyList<string>> TakeQueuedAsync(CancellationToken cancellationToken) =>
        TakeAsync(CommentMode.Queue, cancellationToken);

    public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
    {
        var asked = fence.Time.GetUtcNow();
        // One write: whoever sees the task waiting finds its question too.
        await fence.TransitionAsync(lease, TaskTrigger.Ask, question, cancellationToken,
            (t, _, db) => board.Append(db, t, _run, EventKind.Question, question));
        while (true)
        {
            // Taken before looking, so an answer that lands while we look still wakes us.
            var wake = signal.WaitForTaskAsync(_task, cancellationToken);
            string? answer = null;
            if (await AnyPendingAsync(CommentMode.Answer, cancellationToken))
            {
                await fence.WriteAsync(lease, async (t, _, db) =>
            {
                var comment = await db.Comments
                    .Where(c => c.TaskId == _task && c.Mode == CommentMode.Answer && c.DeliveredAt == null)
                    .OrderBy(c => c.Id)
                    .FirstOrDefaultAsync(cancellationToken);
                if (comment is null || t.State != TaskState.NeedsInput)
                {
                    return;
                }
                comment.DeliveredAt = fence.Time.GetUtcNow();
                comment.DeliveredToRunId = _run;
                answer = comment.Body;
                // A question asked while planning goes back to planning (the board picks).
                board.Move(db, t, TaskTrigger.Answer, $"answered after {(fence.Time.GetUtcNow() - asked).TotalSeconds:0}s", _run);
            }, cancellationToken);
            }
            if (answer is not null)
            {
                return answer;
            }
            await Task.WhenAny(wake, Task.Delay(AnswerPoll, fence.Time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public Task RecordDecisionAsync(string decision, CancellationToken cancellationToken) =>
        fence.AppendAsync(lease, EventKind.Decision, decision);

    /// <summary>A read first, so the common case (nothing pending) costs no write at every turn boundary.</summary>
    private async Task<bool> AnyPendingAsync(CommentMode mode, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Comments.AnyAsync(c => c.TaskId == _task && c.Mode == mode && c.DeliveredAt == null, cancellationToken);
    }

    private async Task<IReadOnlyList<string>> TakeAsync(CommentMode mode, CancellationToken cancellationToken)
    {
        var taken = new List<string>();
        if (!await AnyPendingAsync(mode, cancellationToken))
        {
            return taken;
        }
        await fence.WriteAsync(lease, async (t, _, db) =>
        {
            taken.Clear();
            var due = await db.Comments
                .Where(c => c.TaskId == _task && c.Mode == mode && c.DeliveredAt == null)
                .OrderBy(c => c.Id)
                .ToListAsync(cancellationToken);
            foreach (var comment in due)
            {
                comment.DeliveredAt = fence.Time.GetUtcNow();
                comment.DeliveredToRunId = _run;
                taken.Add(comment.Body);
                board.Append(db, t, _run, EventKind.Comment, $"Comment {comment.Id} ({mode.ToString().ToLowerInvariant()}) delivered to run {_attempt}");
            }
        }, cancellationToken);
        return taken;
    }
}
