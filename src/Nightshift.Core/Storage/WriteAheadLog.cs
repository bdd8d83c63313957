namespace Nightshift.Core.Storage;

/// <summary>
/// What the files beside the database say about how it was last closed. SQLite removes both the
/// <c>-wal</c> and the <c>-shm</c> file when the last connection closes cleanly; a <c>-shm</c> left
/// alone means the process stopped without closing and its write-ahead log was deleted since, with
/// every change not yet checkpointed into the database file. SQLite opens such a database without
/// a word, so Nightshift says it.
/// </summary>
public static class WriteAheadLog
{
    /// <summary>A warning for the user when the log is missing; null when the files are as they should be.</summary>
    public static string? MissingLogWarning(string databasePath)
    {
        var wal = databasePath + "-wal";
        var shm = databasePath + "-shm";
        if (!File.Exists(databasePath) || !File.Exists(shm) || File.Exists(wal))
        {
            return null;
        }
        return $"The database's write-ahead log {wal} is missing, while its shared-memory file {shm} is there: Nightshift "
            + "was not stopped cleanly and the log was deleted since. Changes made after the last checkpoint of "
            + $"{databasePath} are lost (tasks, runs, events of the last moments before the stop). If you have a copy of the "
            + "-wal file, stop Nightshift and put it back beside the database; otherwise check `nightshift ls` for missing tasks and add them again.";
    }
}
