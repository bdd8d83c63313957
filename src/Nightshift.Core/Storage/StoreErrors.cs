using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Nightshift.Core.Storage;

/// <summary>
/// Recognises, in whatever wraps it (EF Core's update exception, an I/O error), the failures of the
/// store that the user must fix outside Nightshift, and says them with the path and what to do.
/// </summary>
public static class StoreErrors
{
    private const int SqliteFull = 13;
    private const int SqliteReadOnly = 8;
    private const int Enospc = 28;
    private const int WindowsDiskFull = 112;
    private const int WindowsHandleDiskFull = 39;

    /// <summary>The store failure <paramref name="ex"/> stands for, or null when it is something else.</summary>
    public static StoreException? Explain(Exception ex, string databasePath)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StoreException store:
                    return store;
                case SqliteException { SqliteErrorCode: SqliteFull }:
                case IOException io when IsDiskFull(io):
                    return DiskFull(databasePath, e);
                case SqliteException { SqliteErrorCode: SqliteReadOnly }:
                    return StoreAccess.Probe(databasePath) ?? new StoreException(StoreFailure.NotWritable, databasePath,
                        $"cannot write {databasePath}: SQLite opened it read-only ({e.Message}); check that {Environment.UserName} may write it and its folder", e);
                default:
                    break;
            }
        }
        return null;
    }

    /// <summary>"disk full: &lt;folder&gt; has N free", for the folder that holds <paramref name="path"/>.</summary>
    public static StoreException DiskFull(string path, Exception? inner = null)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? path;
        var summary = $"disk full: {folder} has {FreeSpace(folder)} free";
        return new StoreException(StoreFailure.DiskFull, folder,
            $"{summary}; Nightshift cannot write its database ({path}). Free some space there; nothing was stored.", inner)
        {
            Summary = summary,
        };
    }

    private static bool IsDiskFull(IOException io) =>
        (io.HResult & 0xFFFF) is Enospc or WindowsDiskFull or WindowsHandleDiskFull;

    private static string FreeSpace(string folder)
    {
        try
        {
            // On Unix, DriveInfo of any path reports the file system that holds it.
            // In MiB whatever the size: the numbers that matter here are small.
            return string.Create(CultureInfo.InvariantCulture, $"{new DriveInfo(folder).AvailableFreeSpace / (double)(1L << 20):0.0} MiB");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return "an unknown amount of space";
        }
    }
}
