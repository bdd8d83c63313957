using Microsoft.Data.Sqlite;
using Nightshift.Client;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Storage;

/// <summary>What the database file holds on its own, without its write-ahead log: what survives a crash after which the log was deleted.</summary>
public sealed class StoreCheckpointTests
{
    private const string Spec = "---\ncommand: \"true\"\n---\n# Kept\n\nStays in the database file.\n";

    [Fact]
    public async Task WhileTheServerRuns_TheDatabaseFileAloneHoldsTheTasks_WithinACheckpointInterval()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        await using var server = await StartAsync(home.Path, TimeSpan.FromMilliseconds(200));
        using var client = server.CreateClient();
        await client.RegisterProjectAsync(repo.Path);
        var added = await client.AddTaskAsync(new AddTaskRequest(null, Spec, "kept.md"));

        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (TasksInFileAlone(home.Path) == 0)
        {
            TimeProvider.System.GetUtcNow().ShouldBeLessThan(deadline,
                $"the database file never held task {added.Id}: its size stayed {new FileInfo(Path.Combine(home.Path, "nightshift.db")).Length} bytes while the log grew to {new FileInfo(Path.Combine(home.Path, "nightshift.db-wal")).Length}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task AfterACleanStop_OnlyTheDatabaseFileIsLeft_AndItHoldsEverything()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        var server = await StartAsync(home.Path, TimeSpan.FromHours(1));
        using (var client = server.CreateClient())
        {
            await client.RegisterProjectAsync(repo.Path);
            await client.AddTaskAsync(new AddTaskRequest(null, Spec, "kept.md"));
        }
        await server.DisposeAsync();

        File.Exists(Path.Combine(home.Path, "nightshift.db-wal")).ShouldBeFalse();
        File.Exists(Path.Combine(home.Path, "nightshift.db-shm")).ShouldBeFalse();
        TasksInFileAlone(home.Path).ShouldBe(1);
    }

    [Fact]
    public void MissingLogWarning_NamesTheMissingLog_WhenOnlyTheSharedMemoryFileWasLeft()
    {
        using var home = new TempDirectory("home");
        var db = Path.Combine(home.Path, "nightshift.db");
        File.WriteAllText(db, string.Empty);
        WriteAheadLog.MissingLogWarning(db).ShouldBeNull();
        File.WriteAllText(db + "-shm", string.Empty);
        WriteAheadLog.MissingLogWarning(db)!.ShouldContain($"write-ahead log {db}-wal is missing");
        File.WriteAllText(db + "-wal", string.Empty);
        WriteAheadLog.MissingLogWarning(db).ShouldBeNull();
    }

    private static Task<NightshiftServer> StartAsync(string home, TimeSpan checkpointEvery) =>
        NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(home),
            Port = 0,
            RunWorker = false,
            StoreCheckpointInterval = checkpointEvery,
            Worker = new WorkerOptions { NodeId = "test" },
        });

    /// <summary>Counts the tasks in a copy of the database file made without its -wal and -shm, as a crash and a deleted log would leave it.</summary>
    private static long TasksInFileAlone(string home)
    {
        using var copy = new TempDirectory("copy");
        var file = Path.Combine(copy.Path, "nightshift.db");
        File.Copy(Path.Combine(home, "nightshift.db"), file);
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'tasks'";
        if ((long)command.ExecuteScalar()! == 0)
        {
            return 0;
        }
        command.CommandText = "SELECT count(*) FROM tasks";
        return (long)command.ExecuteScalar()!;
    }
}
