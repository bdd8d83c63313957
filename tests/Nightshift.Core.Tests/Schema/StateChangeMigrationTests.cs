using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Schema;

/// <summary>
/// A store from before state changes were data: its events say "From → To: reason" in prose. The
/// migration reads that prose once, so readers find the fields and the run's summary filled.
/// </summary>
public sealed class StateChangeMigrationTests : IDisposable
{
    private const string Before = "20261203134625_NodeConcurrencyAndUnchangedRuns";
    private readonly TempDirectory _dir = new("migration");

    [Fact]
    public async Task Migrate_FillsStateChangeFieldsAndRunSummariesFromTheOldProse()
    {
        var options = Database.SqliteOptions(_dir.Combine("nightshift.db"));
        await using (var db = new NightshiftDb(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
        }
        await using (var connection = new SqliteConnection($"Data Source={_dir.Combine("nightshift.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await InsertAsync(connection, "projects", new() { ["Id"] = 1, ["Name"] = "p" });
            await InsertAsync(connection, "tasks", new() { ["Id"] = 1, ["ProjectId"] = 1, ["State"] = "InReview", ["Priority"] = 0, ["LastEventSeq"] = 9 });
            await InsertAsync(connection, "runs", new() { ["Id"] = 1, ["TaskId"] = 1, ["Attempt"] = 1, ["State"] = "Failed", ["Agent"] = "a", ["NodeId"] = "n" });
            await InsertAsync(connection, "runs", new() { ["Id"] = 2, ["TaskId"] = 1, ["Attempt"] = 2, ["State"] = "Succeeded", ["Agent"] = "a", ["NodeId"] = "n" });
            var events = new (long Seq, long? Run, string Kind, string Message)[]
            {
                (1, null, "created", "Task created"),
                (2, null, "state", "Queued → Running"),
                (3, 1, "state", "Running → Verifying: first try: it half works"),
                (4, 1, "state", "Verifying → Queued: attempt 1 failed (check failed: make); retry 1 of 2 in 0s"),
                (5, null, "state", "Queued → Running"),
                (6, 2, "state", "Running → Verifying: Fixed the parser.\nAll tests pass."),
                (7, 2, "state", "Verifying → InReview: 1 check(s) passed on 0123456789ab"),
                (8, 2, "log", "Running → Verifying: not a state change"),
                (9, null, "state", "Running → Nowhere: not a state"),
            };
            foreach (var (seq, run, kind, message) in events)
            {
                await InsertAsync(connection, "events", new() { ["TaskId"] = 1, ["Seq"] = seq, ["RunId"] = run, ["At"] = seq, ["Kind"] = kind, ["Message"] = message });
            }
        }

        await Database.MigrateAsync(options, CancellationToken.None);

        await using var read = new NightshiftDb(options);
        var changes = await read.Events.Where(e => e.Seq != 9).OrderBy(e => e.Seq).Select(e => new { e.Seq, e.FromState, e.ToState, e.Reason }).ToListAsync();
        changes.Single(e => e.Seq == 2).ShouldBe(new { Seq = 2L, FromState = (TaskState?)TaskState.Queued, ToState = (TaskState?)TaskState.Running, Reason = (string?)null });
        changes.Single(e => e.Seq == 3).ShouldBe(new { Seq = 3L, FromState = (TaskState?)TaskState.Running, ToState = (TaskState?)TaskState.Verifying, Reason = (string?)"first try: it half works" });
        changes.Single(e => e.Seq == 7).ShouldBe(new { Seq = 7L, FromState = (TaskState?)TaskState.Verifying, ToState = (TaskState?)TaskState.InReview, Reason = (string?)"1 check(s) passed on 0123456789ab" });
        // Only state changes, and only names of real states, are taken from the prose.
        changes.Single(e => e.Seq == 8).FromState.ShouldBeNull();
        (await read.Database.SqlQueryRaw<string>("SELECT coalesce(FromState, 'none') AS Value FROM events WHERE Seq = 9").SingleAsync()).ShouldBe("none");

        var runs = await read.Runs.OrderBy(r => r.Attempt).ToListAsync();
        runs[0].Summary.ShouldBe("first try: it half works");
        runs[0].Outcome.ShouldBe(RunOutcome.Retried);
        runs[1].Summary.ShouldBe("Fixed the parser.\nAll tests pass.");
        runs[1].Outcome.ShouldBe(RunOutcome.ReadyForReview);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    /// <summary>Inserts a row as the old schema had it: the given values, and a zero or empty text in every other required column.</summary>
    private static async Task InsertAsync(SqliteConnection connection, string table, Dictionary<string, object?> values)
    {
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name, type FROM pragma_table_info('{table}') WHERE \"notnull\" = 1 AND dflt_value IS NULL AND pk = 0";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                values.TryAdd(reader.GetString(0), reader.GetString(1) == "TEXT" ? string.Empty : 0);
            }
        }
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", values.Keys)}) VALUES ({string.Join(", ", values.Keys.Select(k => "$" + k))})";
        foreach (var (name, value) in values)
        {
            insert.Parameters.AddWithValue("$" + name, value ?? DBNull.Value);
        }
        await insert.ExecuteNonQueryAsync();
    }
}
