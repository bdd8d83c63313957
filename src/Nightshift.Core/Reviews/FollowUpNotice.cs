using System.Globalization;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Reviews;

/// <summary>
/// What a reviewer must know when changes were requested and the run that followed changed
/// nothing: the diff on their screen is the one they already reviewed. Read from the data
/// (<see cref="RunRecord.ChangedNothing"/>, the latest review's decision), rendered once here for
/// the review bundle, the review page and the inbox.
/// </summary>
public static class FollowUpNotice
{
    /// <summary>The follow-up run after the latest request for changes, when it changed nothing; else null.</summary>
    public static RunRecord? UnchangedFollowUp(IReadOnlyList<RunRecord> runs, IReadOnlyList<ReviewRecord> reviews)
    {
        var review = reviews.MaxBy(r => r.Id);
        var latest = runs.MaxBy(r => r.Attempt);
        return Applies(review?.Decision, review?.CreatedAt, latest?.ChangedNothing ?? false, latest?.StartedAt) ? latest : null;
    }

    /// <summary>
    /// True when the latest review requested changes and the latest run, which started after it
    /// (the follow-up), changed nothing. From the bare facts, so a query can read them in its own statement.
    /// </summary>
    public static bool Applies(ReviewDecision? latestDecision, DateTimeOffset? reviewedAt, bool latestRunChangedNothing, DateTimeOffset? latestRunStartedAt) =>
        latestDecision == ReviewDecision.ChangesRequested && latestRunChangedNothing && latestRunStartedAt >= reviewedAt;

    /// <summary>The notice for a follow-up run that changed nothing.</summary>
    public static string Text(int attempt) => string.Create(CultureInfo.InvariantCulture,
        $"changes were requested, but the follow-up run (run {attempt}) changed nothing: the diff is the one already reviewed");
}
