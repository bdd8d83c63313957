using System.Text.Json;
using Nightshift.Core.Checks;
using Nightshift.Core.Comments;
using Nightshift.Core.Reviews;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Dashboard.Review;

/// <summary>
/// What the review page shows about a task besides its diff: the agent's summary and decisions, the flags,
/// the checks as evidence, the runs, the reviews so far and the inline comments. The same
/// reading of the event log as the API's review bundle.
/// </summary>
public sealed record ReviewFacts(
    TaskRecord Task,
    string? Summary,
    IReadOnlyList<(string Text, int? RunAttempt)> Decisions,
    IReadOnlyList<CheckEvidence> Checks,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<ReviewRecord> Reviews,
    IReadOnlyList<CommentRecord> LineComments,
    IReadOnlyList<string> Flags)
{
    private const string SummaryPrefix = "Running → Verifying: ";

    public ReviewRecord? LastReview => Reviews.Count == 0 ? null : Reviews[^1];

    /// <summary>Inline comments not yet delivered: they go to the follow-up run when changes are requested.</summary>
    public int PendingLineComments => LineComments.Count(c => c.DeliveredAt is null);

    public static async Task<ReviewFacts> LoadAsync(TaskQueries queries, TaskId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var task = await queries.FindAsync(id.ToString(), cancellationToken);
        var events = await queries.EventsAsync(id, 0, 100_000, cancellationToken);
        var runs = await queries.RunsAsync(id, cancellationToken);
        var reviews = await queries.ReviewsAsync(id, cancellationToken);
        var comments = await queries.CommentsAsync(id, cancellationToken);
        var attempts = runs.ToDictionary(r => r.Id, r => r.Attempt);
        int? AttemptOf(EventRecord e) => e.RunId is { } run && attempts.TryGetValue(run, out var a) ? a : null;

        var summary = events.LastOrDefault(e => e.Kind == EventKind.StateChanged && e.Message.StartsWith(SummaryPrefix, StringComparison.Ordinal))
            ?.Message[SummaryPrefix.Length..];
        var checks = events
            .Where(e => e.Kind == EventKind.Check && e.Data is not null)
            .Select(e => (Event: e, Result: Deserialize(e.Data!)))
            .Where(x => x.Result is not null)
            .Select(x => new CheckEvidence(x.Result!, x.Event.At, x.Result!.Commit is not null && x.Result.Commit == task.HeadCommit,
                x.Event.Message.StartsWith("gate ", StringComparison.Ordinal), AttemptOf(x.Event)))
            .ToList();
        var decisions = events.Where(e => e.Kind == EventKind.Decision).Select(e => (e.Message, AttemptOf(e))).ToList();
        var lineComments = comments.Where(c => c.Mode == CommentMode.Review && c.File is not null).ToList();
        var flags = events.Where(e => e.Kind == EventKind.Flag).Select(e => e.Message).Distinct(StringComparer.Ordinal).ToList();
        if (FollowUpNotice.UnchangedFollowUp(runs, reviews) is { } unchanged)
        {
            flags.Insert(0, FollowUpNotice.Text(unchanged.Attempt));
        }
        return new ReviewFacts(task, summary, decisions, checks, runs, reviews, lineComments, flags);
    }

    /// <summary>The run that followed the latest request for changes, if one started.</summary>
    public RunRecord? FollowUpRun => LastReview is { Decision: ReviewDecision.ChangesRequested } review
        ? Runs.LastOrDefault(r => r.StartedAt >= review.CreatedAt)
        : null;

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
