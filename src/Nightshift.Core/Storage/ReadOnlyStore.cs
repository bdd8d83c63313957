using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Nightshift.Core.Storage;

/// <summary>
/// The database of a data folder that no server has open, read without changing a byte there: no
/// write to the database, and no <c>-wal</c> or <c>-shm</c> file created or touched. A plain read-only
/// SQLite connection is not enough: on a WAL database it creates both side files (and leaves them
/// behind, as only a writer may remove them) and writes the shared-memory index. So:
/// <list type="bullet">
/// <item>no log with changes in it (the server stopped cleanly, or its log was lost): the database
/// file holds everything there is, and is opened <c>immutable</c>, without locks or side files;</item>
/// <item>a log and its index left by a server that was killed: opened read-only with a read-only
/// index (<c>readonly_shm</c>), so the changes in the log are seen and neither file is written.</item>
/// </list>
/// </summary>
public sealed class ReadOnlyStore
{
    private ReadOnlyStore(DbContextOptions<NightshiftDb> options, DateTimeOffset lastWritten)
    {
        Options = options;
        LastWritten = lastWritten;
    }

    /// <summary>Options for contexts that read the database; nothing they do can write it.</summary>
    public DbContextOptions<NightshiftDb> Options { get; }

    /// <summary>When the database (or its log) was last written: the moment the data is from.</summary>
    public DateTimeOffset LastWritten { get; }

    /// <summary>
    /// Opens the database at <paramref name="databasePath"/> for reading; no store, and the reason as
    /// words to follow "cannot be read", when it cannot be read without writing in its folder or is not there.
    /// </summary>
    public static async Task<(ReadOnlyStore? Store, string? Problem)> OpenAsync(string databasePath, CancellationToken cancellationToken)
    {
        var database = new FileInfo(databasePath);
        if (!database.Exists)
        {
            return (null, $"there is no database at {databasePath} yet");
        }
        var wal = new FileInfo(databasePath + "-wal");
        var shm = new FileInfo(databasePath + "-shm");
        var logHasChanges = wal.Exists && wal.Length > 0;
        if (logHasChanges && !shm.Exists)
        {
            return (null, $"its write-ahead log {wal.FullName} has changes but its index {shm.FullName} is missing, and reading them would create it");
        }
        var uri = new Uri(database.FullName).AbsoluteUri + (logHasChanges ? "?mode=ro&readonly_shm=1" : "?immutable=1");
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = uri,
            Mode = SqliteOpenMode.ReadOnly,
            // Nothing stays open after a read: the process leaves no handle on the files.
            Pooling = false,
        }.ToString();
        var options = new DbContextOptionsBuilder<NightshiftDb>().UseSqlite(connection).Options;
        await using (var db = new NightshiftDb(options))
        {
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                return (null, "the database was written by an older Nightshift and must be brought up to date first, which `nightshift up` does");
            }
        }
        var lastWritten = logHasChanges && wal.LastWriteTimeUtc > database.LastWriteTimeUtc ? wal.LastWriteTimeUtc : database.LastWriteTimeUtc;
        return (new ReadOnlyStore(options, new DateTimeOffset(lastWritten, TimeSpan.Zero)), null);
    }
}
