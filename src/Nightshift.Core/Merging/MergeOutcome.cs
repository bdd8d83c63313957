namespace Nightshift.Core.Merging;

/// <summary>
/// The result of <see cref="MergeEngine.MergeAsync"/>, as data to record. <see cref="Commit"/> is
/// the target's commit after a merge (unchanged when the source was already contained);
/// <see cref="Files"/> lists conflicting files, or local changes in the way.
/// </summary>
public sealed record MergeOutcome(MergeOutcomeKind Kind, string? Commit, IReadOnlyList<string> Files, string Reason)
{
    public bool TargetChanged { get; init; }

    public static MergeOutcome Merged(string commit, bool changed, string reason) =>
        new(MergeOutcomeKind.Merged, commit, [], reason) { TargetChanged = changed };

    public static MergeOutcome Conflict(IReadOnlyList<string> files) =>
        new(MergeOutcomeKind.Conflict, null, files, $"Conflicts in {files.Count} file(s): {string.Join(", ", files)}.");

    public static MergeOutcome TargetMoved(int attempts) =>
        new(MergeOutcomeKind.TargetMoved, null, [], $"The target kept moving; gave up after {attempts} attempts. Nothing was changed.");

    public static MergeOutcome BlockedByLocalChanges(string checkoutPath, IReadOnlyList<string> files) =>
        new(MergeOutcomeKind.BlockedByLocalChanges, null, files,
            $"The target is checked out at '{checkoutPath}' with local changes the merge would overwrite: {string.Join(", ", files)}. Commit or stash them; the target did not move.");

    public static MergeOutcome GateFailed(string commit, string reason) => new(MergeOutcomeKind.GateFailed, commit, [], reason);

    public static MergeOutcome Failed(string reason) => new(MergeOutcomeKind.Failed, null, [], reason);
}
