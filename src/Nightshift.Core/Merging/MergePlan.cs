namespace Nightshift.Core.Merging;

/// <summary>The commit a merge would move the target to, computed without touching any checkout or ref.</summary>
internal sealed record MergePlan(MergePlanKind Kind, string? Commit, IReadOnlyList<string> Conflicts, string Description)
{
    public static MergePlan Ready(string commit, string description) => new(MergePlanKind.Ready, commit, [], description);

    public static MergePlan AlreadyMerged(string description) => new(MergePlanKind.AlreadyMerged, null, [], description);

    public static MergePlan Conflict(IReadOnlyList<string> files, string description) => new(MergePlanKind.Conflict, null, files, description);

    public static MergePlan Failed(string description) => new(MergePlanKind.Failed, null, [], description);
}
