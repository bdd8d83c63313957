using Nightshift.Cli.Shell;
using Nightshift.Client;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>
/// With no server running, ls, show, logs and inbox print what the server would, from its database
/// as it was left, say so on stderr, and change nothing in the data folder; commands that change
/// things still need the server and say so.
/// </summary>
public sealed class OfflineReadTests
{
    private static readonly string[][] Reads =
    [
        ["ls"],
        ["ls", "--label", "docs"],
        ["show", "1"],
        ["show", "2"],
        ["logs", "1"],
        ["logs", "2", "--follow"],
        ["inbox"],
    ];

    [Fact]
    public async Task AfterTheServerStops_TheReadCommandsPrintTheSameRows_ReadOnly()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        var online = new Dictionary<string, string>();
        await using (var server = await StartAsync(home))
        {
            using var client = server.CreateClient();
            await client.RegisterProjectAsync(repo.Path);
            await client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"echo one > one.txt\"\nlabels: [docs]\n---\n# First\n\nOne.\n", "one.md"));
            await client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"exit 3\"\nmax_retries: 0\n---\n# Second\n\nTwo.\n", "two.md"));
            await InProcessCli.WaitUntilAsync(async () => (await client.ListTasksAsync()).All(t => t.State is "InReview" or "Failed"));
            await client.AddCommentAsync("1", new AddCommentRequest("Mind the docs.", "queue"));
            foreach (var args in Reads)
            {
                var (exit, stdout, stderr) = await InProcessCli.RunAsync(home, args);
                exit.ShouldBe(0, stderr);
                online[string.Join(' ', args)] = Comparable(args, stdout);
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = FolderSnapshot.Take(home.Path);

        foreach (var args in Reads)
        {
            var (exit, stdout, stderr) = await InProcessCli.RunAsync(home, args);

            exit.ShouldBe(0, stderr);
            Comparable(args, stdout).ShouldBe(online[string.Join(' ', args)], string.Join(' ', args));
            var note = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
            note.ShouldStartWith("note: no server is running; showing the database as it was at ");
            note.ShouldContain("(read-only)");
        }
        var approve = await InProcessCli.RunAsync(home, "approve", "1");
        approve.Exit.ShouldBe(ExitCodes.ServerUnavailable);
        approve.Err.ShouldContain("nightshift up");

        FolderSnapshot.Take(home.Path).Difference(before).ShouldBeEmpty();
    }

    [Fact]
    public async Task AfterTheServerIsKilled_LsReadsWhatItLeft_AndTouchesNoneOfItsFiles()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        await using var up = await UpProcess.StartAsync(home.Path);
        (await NightshiftProcess.RunAsync(home.Path, repo.Path, "init")).Exit.ShouldBe(0);
        (await InProcessCli.RunAsync(home, "add", "-m", "---\ncommand: \"true\"\n---\n# Survive a kill\n\nNothing.\n")).Exit.ShouldBe(0);
        await InProcessCli.WaitUntilAsync(async () => (await InProcessCli.RunAsync(home, "ls", "--state", "InReview")).Out.Length > 0);
        var online = await InProcessCli.RunAsync(home, "ls");

        await up.SignalAsync("KILL");
        await up.WaitForExitAsync(TestContext.Current.CancellationToken);
        File.Exists(new NightshiftHome(home.Path).ServerInfoPath).ShouldBeTrue("a killed server leaves its server.json behind");
        var before = FolderSnapshot.Take(home.Path);
        var offline = await InProcessCli.RunAsync(home, "ls");

        offline.Exit.ShouldBe(0, offline.Err);
        offline.Out.ShouldBe(online.Out);
        offline.Err.ShouldContain("note: no server is running (nothing answers at ");
        offline.Err.ShouldContain("(read-only)");
        FolderSnapshot.Take(home.Path).Difference(before).ShouldBeEmpty();
    }

    [Fact]
    public async Task WithNoDatabaseYet_AReadSaysToStartTheServer_AndCreatesNothing()
    {
        using var home = new TempDirectory("home");

        var ls = await InProcessCli.RunAsync(home, "ls");

        ls.Exit.ShouldBe(ExitCodes.ServerUnavailable);
        ls.Err.ShouldContain("no database");
        ls.Err.ShouldContain("nightshift up");
        Directory.EnumerateFileSystemEntries(home.Path).ShouldBeEmpty();
    }

    /// <summary>The inbox's Waiting column counts up between two reads; everything else must match.</summary>
    private static string Comparable(string[] args, string stdout) =>
        args[0] != "inbox" ? stdout : string.Join('\n', stdout.Split('\n').Select(row => row.Split('\t') is { Length: > 3 } cells ? string.Join('\t', cells.Where((_, i) => i != 3)) : row));

    private static Task<NightshiftServer> StartAsync(TempDirectory home) => NightshiftServer.StartAsync(new ServerOptions
    {
        Home = new NightshiftHome(home.Path),
        Port = 0,
        Worker = new WorkerOptions { NodeId = "offline-tests", PollInterval = TimeSpan.FromMilliseconds(100), RetryBackoff = TimeSpan.FromMilliseconds(50) },
    });
}
