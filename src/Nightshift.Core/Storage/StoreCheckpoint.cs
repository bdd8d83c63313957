using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Nightshift.Core.Storage;

/// <summary>
/// Copies the write-ahead log into the database file. SQLite's own automatic checkpoint waits for
/// 1000 pages (4 MB) of log, which a night of tasks may never write, and its checkpoint on close
/// never comes while the connection pool keeps connections open: without this, every change of a
/// session would live only in the <c>-wal</c> file until the process exits cleanly.
/// </summary>
public sealed class StoreCheckpoint(DbContextOptions<NightshiftDb> options)
{
    /// <summary>
    /// A passive checkpoint: copies what no reader still needs, never waits for one, never blocks a
    /// writer. With <paramref name="truncate"/> it waits for readers and writers (up to the busy
    /// timeout) and leaves an empty log, as at a clean stop. Returns the pages copied and left in the log.
    /// </summary>
    public async Task<(int LogPages, int Checkpointed)> RunAsync(bool truncate, CancellationToken cancellationToken)
    {
        await using var db = new NightshiftDb(options);
        if (!db.Database.IsSqlite())
        {
            return (0, 0);
        }
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = truncate ? "PRAGMA wal_checkpoint(TRUNCATE);" : "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        // The row is (busy, pages in the log, pages checkpointed); -1 when the database is not in WAL mode.
        return (reader.GetInt32(1), reader.GetInt32(2));
    }

    /// <summary>
    /// At a clean stop, after the last write: a full checkpoint, then the pooled connections are
    /// closed, so SQLite removes the <c>-wal</c> and <c>-shm</c> files and the database file alone holds everything.
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        await RunAsync(truncate: true, cancellationToken);
        await using var db = new NightshiftDb(options);
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            SqliteConnection.ClearPool(sqlite);
        }
    }
}
