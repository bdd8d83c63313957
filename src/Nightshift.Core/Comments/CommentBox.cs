using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Comments;

/// <summary>Takes feedback from humans; each comment stays pending until a run receives it.</summary>
public sealed class CommentBox(TaskBoard board)
{
    public async Task<CommentRecord> AddAsync(TaskId task, string author, string body, CommentMode mode, string? file, int? line, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new ArgumentException("A comment needs text: say what the agent should do.");
        }
        if (line is <= 0)
        {
            throw new ArgumentException($"Line {line} is not a line number; lines count from 1.");
        }
        CommentRecord? comment = null;
        await board.MutateAsync(task, (t, db) =>
        {
            if (TaskLifecycle.IsTerminal(t.State))
            {
                throw new InvalidTransitionException(task, t.State, TaskTrigger.Requeue);
            }
            if (mode == CommentMode.Answer && t.State != TaskState.NeedsInput)
            {
                // An answer with no question waiting would be delivered to nobody.
                throw new InvalidTransitionException(task, t.State, TaskTrigger.Answer);
            }
            comment = new CommentRecord
            {
                TaskId = task,
                Author = author,
                Body = body.Trim(),
                Mode = mode,
                File = file,
                Line = line,
                CreatedAt = board.Time.GetUtcNow(),
            };
            db.Comments.Add(comment);
            board.Append(db, t, null, mode == CommentMode.Answer ? EventKind.Answer : EventKind.Comment, $"{author} ({mode.ToString().ToLowerInvariant()}): {comment.Body}");
        }, cancellationToken);
        return comment!;
    }
}
