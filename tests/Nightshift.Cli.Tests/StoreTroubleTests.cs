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

/// <summary>The store on a full disk, read-only, or without its write-ahead log: what the user is told.</summary>
public sealed class StoreTroubleTests
{
    private const string Spec = "---\ncommand: \"true\"\n---\n# Stored\n\nA task.\n";

    [Fact]
    public async Task Add_OnAFullDisk_SaysDiskFull_WithTheFolderAndItsFreeSpace_InTheApiAndTheCli()
    {
        using var disk = SmallDisk.Mount();
        using var repo = GitRepo.Create();
        await using var server = await StartServerAsync(disk.Path);
        using var client = server.CreateClient();
        await client.RegisterProjectAsync(repo.Path);
        disk.Fill();
        try
        {
            var api = await Should.ThrowAsync<NightshiftApiException>(() => client.AddTaskAsync(new AddTaskRequest(null, Spec, "stored.md")));
            api.Code.ShouldBe("disk_full");
            api.Message.ShouldStartWith($"disk full: {disk.Path} has ");

            var cli = await InProcessCli.RunAsync(disk.Path, "add", "-m", Spec);
            cli.Exit.ShouldBe(ExitCodes.Failed);
            cli.Err.ShouldStartWith($"error: disk full: {disk.Path} has ");
            cli.Err.ShouldNotContain("SqliteException");
        }
        finally
        {
            disk.Free();
        }
    }

    [Fact]
    public async Task Up_WithAReadOnlyDatabase_NamesThePathAndTheMode_LeavesNothingBehind_AndStartsOnceItIsWritable()
    {
        Requirements.Executable("unshare", "install util-linux");
        if (!OperatingSystem.IsLinux())
        {
            Requirements.Missing("file modes and user namespaces are Linux's");
            return;
        }
        using var home = new TempDirectory("home");
        await (await StartServerAsync(home.Path)).DisposeAsync();
        var db = Path.Combine(home.Path, "nightshift.db");
        File.SetUnixFileMode(db, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = Directory.GetFileSystemEntries(home.Path).Order(StringComparer.Ordinal).ToList();

        var (exit, _, err) = await NightshiftProcess.RunAsync(NightshiftProcess.Unprivileged(NightshiftProcess.StartInfo(home.Path, home.Path, ["up", "--port", "0"])));

        exit.ShouldBe(ExitCodes.Failed, err);
        err.ShouldContain($"cannot write {db}: the file is read-only (mode 0444)");
        err.ShouldContain($"chmod u+w {db}");
        err.ShouldNotContain("   at ");
        Directory.GetFileSystemEntries(home.Path).Order(StringComparer.Ordinal).ToList().ShouldBe(before);

        File.SetUnixFileMode(db, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var up = await UpProcess.StartAsync(NightshiftProcess.Unprivileged(NightshiftProcess.StartInfo(home.Path, home.Path, ["up", "--port", "0"])), home.Path);
    }

    [Fact]
    public async Task Up_AfterACrashAndADeletedWriteAheadLog_WarnsThatChangesWereLost()
    {
        using var home = new TempDirectory("home");
        await (await StartServerAsync(home.Path)).DisposeAsync();
        // What a crash leaves (both side files) after the -wal was deleted: the -shm alone.
        File.WriteAllBytes(Path.Combine(home.Path, "nightshift.db-shm"), []);

        await using var up = await UpProcess.StartAsync(home.Path);

        await InProcessCli.WaitUntilAsync(() => Task.FromResult(up.Log.Contains("write-ahead log", StringComparison.Ordinal)));
        up.Log.ShouldContain($"{Path.Combine(home.Path, "nightshift.db")}-wal is missing");
    }

    private static Task<NightshiftServer> StartServerAsync(string home) =>
        NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(home),
            Port = 0,
            RunWorker = false,
            Worker = new WorkerOptions { NodeId = "store-trouble" },
        });
}
