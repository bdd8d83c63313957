using System.Text.Json;
using Nightshift.Core.Checks;
using Nightshift.Core.Comments;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Reviews;

/// <summary>
/// Everything a reviewer weighs besides the diff: the agent's summary (kept on its run) and
/// decisions, the flags, the checks as evidence, the runs, the reviews so far and the comments.
/// Built here once, read by the API's review bundle and the dashboard's review page alike.
/// </summary>
public sealed record ReviewBundle(
    TaskRecord Task,
    string? Summary,
    IReadOnlyList<(string Text, int? RunAttempt)> Decisions,
    IReadOnlyList<CheckEvidence> Checks,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<ReviewRecord> Reviews,
    IReadOnlyList<CommentRecord> Comments,
    IReadOnlyList<string> Flags,
    RunRecord? UnchangedFollowUp)
{
    public ReviewRecord? LastReview => Reviews.Count == 0 ? null : Reviews[^1];

    /// <summary>Review comments on a line of the diff.</summary>
    public IReadOnlyList<CommentRecord> LineComments => [.. Comments.Where(c => c.Mode == CommentMode.Review && c.File is not null)];

    /// <summary>Inline comments not yet delivered: they go to the follow-up run when changes are requested.</summary>
    public int PendingLineComments => LineComments.Count(c => c.DeliveredAt is null);

    /// <summary>
    /// Steering and queued comments no run received (the agent ended first, or takes feedback only
    /// on a follow-up run): they reach the follow-up run if changes are requested. Each is also a flag.
    /// </summary>
    public IReadOnlyList<CommentRecord> UndeliveredFeedback => [.. Undelivered(Comments)];

    /// <summary>The run that followed the latest request for changes, if one started.</summary>
    public RunRecord? FollowUpRun => LastReview is { Decision: ReviewDecision.ChangesRequested } review
        ? Runs.LastOrDefault(r => r.StartedAt >= review.CreatedAt)
        : null;

    public static async Task<ReviewBundle> LoadAsync(TaskQueries queries, string idOrName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var task = await queries.FindAsync(idOrName, cancellationToken);
        var events = await queries.EventsAsync(task.Id, 0, 100_000, cancellationToken);
        var runs = await queries.RunsAsync(task.Id, cancellationToken);
        var reviews = await queries.ReviewsAsync(task.Id, cancellationToken);
        var comments = await queries.CommentsAsync(task.Id, cancellationToken);
        var attempts = runs.ToDictionary(r => r.Id, r => r.Attempt);
        int? AttemptOf(EventRecord e) => e.RunId is { } run && attempts.TryGetValue(run, out var a) ? a : null;

        // The summary of the latest run that gave one: a run cut short before its agent finished has none.
        var summary = runs.OrderBy(r => r.Attempt).LastOrDefault(r => r.Summary is not null)?.Summary;
        var checks = events
            .Where(e => e.Kind == EventKind.Check && e.Data is not null)
            .Select(e => (Event: e, Result: Deserialize(e.Data!)))
            .Where(x => x.Result is not null)
            .Select(x => new CheckEvidence(x.Result!, x.Event.At, x.Result!.Commit is not null && x.Result.Commit == task.HeadCommit,
                x.Event.Message.StartsWith("gate ", StringComparison.Ordinal), AttemptOf(x.Event)))
            .ToList();
        var decisions = events.Where(e => e.Kind == EventKind.Decision).Select(e => (e.Message, AttemptOf(e))).ToList();
        var flags = events.Where(e => e.Kind == EventKind.Flag).Select(e => e.Message).Distinct(StringComparer.Ordinal).ToList();
        var unchanged = FollowUpNotice.UnchangedFollowUp(runs, reviews);
        if (unchanged is not null)
        {
            flags.Insert(0, FollowUpNotice.Text(unchanged.Attempt));
        }
        // Never silently: feedback the agent did not get is put before the reviewer, who decides whether it matters.
        flags.AddRange(Undelivered(comments).Select(c =>
            $"comment {c.Id} ({c.Mode.ToString().ToLowerInvariant()}) never reached the agent: \"{c.Body}\"; it goes to the follow-up run if you request changes"));
        return new ReviewBundle(task, summary, decisions, checks, runs, reviews, comments, flags, unchanged);
    }

    private static IEnumerable<CommentRecord> Undelivered(IEnumerable<CommentRecord> comments) =>
        comments.Where(c => c.DeliveredAt is null && c.Mode is CommentMode.Steer or CommentMode.Queue);

    private static CheckResult? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CheckResult>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
