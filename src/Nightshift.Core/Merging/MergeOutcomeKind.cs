namespace Nightshift.Core.Merging;

/// <summary>How a merge ended.</summary>
public enum MergeOutcomeKind
{
    /// <summary>The target holds the source's work (moved, or already contained it).</summary>
    Merged = 0,

    /// <summary>The source and target change the same lines; nothing moved.</summary>
    Conflict = 1,

    /// <summary>Someone else kept moving the target; the retries ran out and nothing moved.</summary>
    TargetMoved = 2,

    /// <summary>The target is checked out with local changes the merge would overwrite; nothing moved.</summary>
    BlockedByLocalChanges = 3,

    /// <summary>The merge could not be done (missing branch, unrelated histories, git error); nothing moved.</summary>
    Failed = 4,

    /// <summary>The merge result failed the test gate (the project's checks); nothing moved.</summary>
    GateFailed = 5,
}
