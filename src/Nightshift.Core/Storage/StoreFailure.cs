namespace Nightshift.Core.Storage;

/// <summary>Why the store could not be written, as data: the edges (API, CLI, heartbeat) say it in their own words.</summary>
public enum StoreFailure
{
    /// <summary>The file system holding the database has no space left.</summary>
    DiskFull,

    /// <summary>The database, one of its side files, or its folder cannot be written by this user.</summary>
    NotWritable,
}
