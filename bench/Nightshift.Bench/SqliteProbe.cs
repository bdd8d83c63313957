using Microsoft.Data.Sqlite;

namespace Nightshift.Bench;

/// <summary>
/// The baseline for store work: one durable SQLite write transaction as the store runs it (WAL,
/// synchronous=FULL): BEGIN IMMEDIATE, one INSERT, COMMIT, on a file next to the store's.
/// Measured interleaved with the engine's work, so both see the same disk at the same moment.
/// </summary>
internal sealed class SqliteProbe : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private int _next;

    private SqliteProbe(SqliteConnection connection)
    {
        _connection = connection;
    }

    public Samples Samples { get; } = new("SQLite durable transaction");

    public static async Task<SqliteProbe> OpenAsync(string folder)
    {
        var path = Path.Combine(folder, "baseline.db");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        var probe = new SqliteProbe(connection);
        await probe.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);");
        return probe;
    }

    public async Task MeasureAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        await ExecuteAsync($"BEGIN IMMEDIATE; INSERT INTO t (at) VALUES ({_next++}); COMMIT;");
        Samples.Add(TimeProvider.System.GetElapsedTime(started));
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
