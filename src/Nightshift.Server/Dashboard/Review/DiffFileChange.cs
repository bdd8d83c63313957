namespace Nightshift.Server.Dashboard.Review;

/// <summary>What happened to a file as a whole.</summary>
public enum DiffFileChange
{
    Modified,
    Added,
    Deleted,
    Renamed,
    Copied,
}
