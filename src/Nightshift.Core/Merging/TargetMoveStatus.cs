namespace Nightshift.Core.Merging;

internal enum TargetMoveStatus
{
    /// <summary>The target now points at the new commit.</summary>
    Moved = 0,

    /// <summary>The target no longer pointed at the commit the merge was built on; nothing changed.</summary>
    Stale = 1,

    /// <summary>The target's checkout was busy with another git command; nothing changed.</summary>
    Busy = 2,

    /// <summary>Local changes in the target's checkout would be overwritten; nothing changed.</summary>
    Blocked = 3,

    Failed = 4,
}
