namespace Nightshift.Core.Merging;

internal enum MergePlanKind
{
    Ready = 0,
    AlreadyMerged = 1,
    Conflict = 2,
    Failed = 3,
}
