using System.Globalization;
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

/// <summary>A node whose disk is below its minimum says so wherever queued work is shown, instead of stopping quietly.</summary>
public sealed class QueueHoldTests
{
    [Fact]
    public async Task QueuedWork_OnANodeBelowItsDiskMinimum_SaysWhyInLsShowInboxAndTheApi()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        await using var server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(home.Path),
            Port = 0,
            // Above the real free space, so the node pauses for real.
            Worker = new WorkerOptions { NodeId = "cramped", PollInterval = TimeSpan.FromMilliseconds(100), HeartbeatInterval = TimeSpan.FromMilliseconds(200), MinFreeDiskBytes = AboveFreeSpace(home.Path) },
        });
        using var client = server.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        await client.RegisterProjectAsync(repo.Path, ct);
        await client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"true\"\n---\n# Waits for disk\n\nRun.\n", "spec.md"), ct);
        await InProcessCli.WaitUntilAsync(async () => (await client.GetNodesAsync(ct)).Waiting.Count > 0);

        var status = await client.GetNodesAsync(ct);
        var hold = status.Waiting.ShouldHaveSingleItem();
        hold.Node.ShouldBe("cramped");
        hold.Message.ShouldStartWith("node cramped paused: low disk, ");
        hold.Message.ShouldContain(" free of the ");
        hold.Remedy.ShouldContain("--min-free-disk");
        status.Nodes.ShouldHaveSingleItem().PausedReason.ShouldBe(hold.Reason);
        (await client.GetTaskAsync("1", ct)).Task.Waiting.ShouldBe([hold.Message]);
        (await client.GetTaskAsync("1", ct)).Task.State.ShouldBe("Queued");

        var ls = await InProcessCli.RunAsync(home, "ls");
        ls.Out.ShouldContain($"1\tQueued\tnormal\tcommand\tWaits for disk\t{hold.Message}");
        (await InProcessCli.RunAsync(home, "show", "1")).Out.ShouldContain($"waiting: {hold.Message}");
        var inbox = await InProcessCli.RunAsync(home, "inbox");
        inbox.Out.ShouldNotContain("Inbox zero");
        inbox.Out.ShouldContain($"-\tpaused\tqueued work is not starting\t-\t{hold.Message}\t{hold.Remedy}");
    }

    [Fact]
    public async Task Up_TakesTheMinimumFromMinFreeDiskOrTheEnvironment()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        var minimum = AboveFreeSpace(home.Path).ToString(CultureInfo.InvariantCulture) + "B";
        await using (var up = await UpProcess.StartAsync(home.Path, "--min-free-disk", minimum, "--heartbeat", "1s", "--lease", "5s"))
        {
            await WaitForHoldAsync(home.Path, repo.Path, up);
        }
        using var other = new TempDirectory("home");
        await using (var up = await UpProcess.StartWithAsync(other.Path, new Dictionary<string, string> { [WorkerOptions.MinFreeDiskVariable] = minimum }, "--heartbeat", "1s", "--lease", "5s"))
        {
            await WaitForHoldAsync(other.Path, repo.Path, up);
        }
    }

    [Fact]
    public async Task Up_RefusesASizeItCannotRead_NamingTheOption()
    {
        using var home = new TempDirectory("home");
        var up = await NightshiftProcess.RunAsync(home.Path, home.Path, "up", "--port", "0", "--min-free-disk", "lots");
        up.Exit.ShouldBe(ExitCodes.Usage);
        up.Err.ShouldContain("--min-free-disk: 'lots' is not a size; write it as 500MiB");
    }

    [Theory]
    [InlineData("500MiB", 500L * 1024 * 1024)]
    [InlineData("2 GiB", 2L * 1024 * 1024 * 1024)]
    [InlineData("1.5G", 3L * 512 * 1024 * 1024)]
    [InlineData("750MB", 750_000_000)]
    [InlineData("0", 0)]
    [InlineData("4096", 4096)]
    public void ASize_ReadsAsPeopleWriteIt(string text, long bytes)
    {
        ByteCount.TryParse(text, out var parsed, out _).ShouldBeTrue();
        parsed.ShouldBe(bytes);
    }

    private static async Task WaitForHoldAsync(string home, string repo, UpProcess up)
    {
        (await NightshiftProcess.RunAsync(home, repo, "init")).Exit.ShouldBe(0);
        (await NightshiftProcess.RunAsync(home, repo, "add", "-m", "---\ncommand: \"true\"\n---\n# Waits\n\nRun.\n")).Exit.ShouldBe(0);
        await InProcessCli.WaitUntilAsync(async () => (await NightshiftProcess.RunAsync(home, repo, "ls")).Out.Contains("paused: low disk", StringComparison.Ordinal));
        var inbox = await NightshiftProcess.RunAsync(home, repo, "inbox");
        inbox.Out.ShouldContain("paused: low disk", customMessage: up.Log);
    }

    /// <summary>A terabyte more than the disk holding <paramref name="path"/> has free.</summary>
    private static long AboveFreeSpace(string path) => new DriveInfo(path).AvailableFreeSpace + (1L << 40);
}
