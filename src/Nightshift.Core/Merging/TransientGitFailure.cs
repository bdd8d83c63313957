
namespace Nightshift.Core.Merging;

/// <summary>
/// Git failures that pass on their own: an object that a concurrent <c>git gc --prune</c> or repack
/// is moving, a lock another git process holds. A merge that failed with one is computed again, a
/// few times with a growing pause; its failures change nothing, so trying again is safe. What still
/// fails is reported as a failure with git's own message, never as a conflict.
/// </summary>
internal static class TransientGitFailure
{
    public const int MaxAttempts = 4;

    private static readonly string[] Signs =
    [
        "failed to unpack tree object",
        "unable to read tree",
        "could not read",
        "bad object",
        "missing object",
        "invalid object",
        "packfile",
        "is corrupt",
        ".lock': file exists",
        "unable to create '",
        "cannot lock ref",
        "another git process seems to be running",
    ];

    public static bool IsTransient(MergeOutcome outcome) =>
        outcome.Kind == MergeOutcomeKind.Failed
        && Signs.Any(s => outcome.Reason.Contains(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs <paramref name="merge"/> until it does not fail transiently, at most <see cref="MaxAttempts"/> times.</summary>
    public static async Task<MergeOutcome> RetryAsync(Func<Task<MergeOutcome>> merge, TimeProvider time, CancellationToken cancellationToken)
    {
        var outcome = await merge();
        for (var attempt = 1; attempt < MaxAttempts && IsTransient(outcome); attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200 << (attempt - 1)), time, cancellationToken);
            outcome = await merge();
        }
        return IsTransient(outcome)
            ? outcome with { Reason = $"{outcome.Reason} (git failed the same way {MaxAttempts} times; the target did not move)" }
            : outcome;
    }
}
