namespace Nightshift.Server.Dashboard.Review;

/// <summary>What one line of a hunk does.</summary>
public enum DiffLineKind
{
    Context,
    Added,
    Removed,
}
