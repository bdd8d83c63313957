using Microsoft.Data.Sqlite;
using Nightshift.Core.Processes;

namespace Nightshift.Bench;

/// <summary>The raw costs the engine's numbers are compared with, measured on this machine in this run.</summary>
internal static class Baselines
{
    private const int Warmup = 5;

    /// <summary>One durable SQLite write transaction (WAL, synchronous=FULL, as the store runs): BEGIN IMMEDIATE, one INSERT, COMMIT.</summary>
    public static async Task<Samples> SqliteTransactionAsync(string folder, int count)
    {
        var samples = new Samples("SQLite durable transaction");
        var path = Path.Combine(folder, "baseline.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);");
        for (var i = 0; i < count + Warmup; i++)
        {
            var started = TimeProvider.System.GetTimestamp();
            await ExecuteAsync(connection, $"BEGIN IMMEDIATE; INSERT INTO t (at) VALUES ({i}); COMMIT;");
            if (i >= Warmup)
            {
                samples.Add(TimeProvider.System.GetElapsedTime(started));
            }
        }
        return samples;
    }

    /// <summary>Spawning `true` the way agents are spawned (ProcessRunner: setsid sh -c, pipes, wait).</summary>
    public static async Task<Samples> SpawnTrueAsync(string folder, int count)
    {
        var samples = new Samples("spawn `true` (ProcessRunner)");
        var runner = new ProcessRunner(TimeProvider.System);
        for (var i = 0; i < count + Warmup; i++)
        {
            var started = TimeProvider.System.GetTimestamp();
            var result = await runner.RunAsync(new ShellCommand("true", folder), (_, _) => ValueTask.CompletedTask, CancellationToken.None);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException("`true` did not exit 0");
            }
            if (i >= Warmup)
            {
                samples.Add(TimeProvider.System.GetElapsedTime(started));
            }
        }
        return samples;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
