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

/// <summary>Queued work that waits only because every slot is busy says so, with the numbers, instead of sitting there without a word.</summary>
public sealed class SlotHoldTests
{
    private const string Busy = "---\ncommand: \"sleep 60\"\n---\n# Keeps a slot busy\n\nSleep.\n";

    [Fact]
    public async Task AReadyTask_HeldOnlyByTheConcurrencyLimit_SaysItWaitsForAFreeSlot_InTheApiShowAndLs()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        await using var server = await StartAsync(home, concurrency: 1);
        using var client = server.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        await client.RegisterProjectAsync(repo.Path, ct);
        var running = await client.AddTaskAsync(new AddTaskRequest(null, Busy, "busy.md"), ct);
        await InProcessCli.WaitUntilAsync(async () => (await client.GetTaskAsync(Id(running), ct)).Task.State == "Running");
        var waiting = await client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"true\"\n---\n# Waits its turn\n\nRun.\n", "waits.md"), ct);
        // Not ready (its dependency is not merged): no slot would start it, so it waits for no slot.
        var dependent = await client.AddTaskAsync(new AddTaskRequest(null, $"---\ncommand: \"true\"\ndepends_on: [{running.Id}]\n---\n# Waits for the first\n\nRun.\n", "after.md"), ct);

        const string Message = "waiting for a free slot (1 of 1 busy)";
        (await client.GetTaskAsync(Id(waiting), ct)).Task.Waiting.ShouldBe([Message]);
        var listed = await client.ListTasksAsync(null, ct);
        listed.Single(t => t.Id == waiting.Id).Waiting.ShouldBe([Message]);
        listed.Single(t => t.Id == running.Id).Waiting.ShouldBeEmpty();
        listed.Single(t => t.Id == dependent.Id).Waiting.ShouldBeEmpty();
        (await client.GetTaskAsync(Id(dependent), ct)).Task.Waiting.ShouldBeEmpty();
        (await InProcessCli.RunAsync(home, "show", Id(waiting))).Out.ShouldContain($"waiting: {Message}");
        var rows = (await InProcessCli.RunAsync(home, "ls")).Out.Split('\n');
        rows.Single(r => r.Contains("Waits its turn", StringComparison.Ordinal)).ShouldContain(Message);
        rows.Single(r => r.Contains("Waits for the first", StringComparison.Ordinal)).ShouldNotContain("free slot");
        rows.Single(r => r.Contains("Keeps a slot busy", StringComparison.Ordinal)).ShouldNotContain("free slot");
        // Not a person's business: the inbox stays as it was.
        (await client.GetNodesAsync(ct)).Waiting.ShouldBeEmpty();

        await client.CancelAsync(Id(running), ct);
        await InProcessCli.WaitUntilAsync(async () => (await client.GetTaskAsync(Id(waiting), ct)).Task.State != "Queued");
        (await client.GetTaskAsync(Id(waiting), ct)).Task.Waiting.ShouldBeEmpty();
    }

    [Fact]
    public async Task AReadyTask_HeldByItsProjectsLimit_SaysWhichProject()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        repo.WriteFile(".nightshift/project.yml", "concurrency: 1\n");
        repo.CommitAll("one at a time");
        await using var server = await StartAsync(home, concurrency: 3);
        using var client = server.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var project = await client.RegisterProjectAsync(repo.Path, ct);
        var running = await client.AddTaskAsync(new AddTaskRequest(null, Busy, "busy.md"), ct);
        await InProcessCli.WaitUntilAsync(async () => (await client.GetTaskAsync(Id(running), ct)).Task.State == "Running");
        var waiting = await client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"true\"\n---\n# Waits its turn\n\nRun.\n", "waits.md"), ct);

        (await client.GetTaskAsync(Id(waiting), ct)).Task.Waiting.ShouldBe([$"waiting for a free slot (1 of 1 busy in project {project.Name})"]);
        await client.CancelAsync(Id(running), ct);
    }

    [Fact]
    public async Task Up_SaysHowManyAgentsRunAtOnce_WhereThatCameFrom_AndHowToChangeIt()
    {
        using var home = new TempDirectory("home");
        const string Change = "change it with --concurrency N or NIGHTSHIFT_CONCURRENCY=N)";
        await using (var up = await UpProcess.StartAsync(home.Path))
        {
            var banner = await BannerAsync(up);
            banner.ShouldMatch(@"runs up to [1-4] agents at once \(the default: one per 2 GiB of memory, at most 4; " + System.Text.RegularExpressions.Regex.Escape(Change));
        }
        await using (var up = await UpProcess.StartWithAsync(home.Path, new Dictionary<string, string> { [WorkerOptions.ConcurrencyVariable] = "5" }))
        {
            (await BannerAsync(up)).ShouldContain($"runs up to 5 agents at once (NIGHTSHIFT_CONCURRENCY; {Change}");
        }
        await using (var up = await UpProcess.StartWithAsync(home.Path, new Dictionary<string, string> { [WorkerOptions.ConcurrencyVariable] = "5" }, "-j", "3"))
        {
            (await BannerAsync(up)).ShouldContain($"runs up to 3 agents at once (--concurrency; {Change}");
        }
    }

    [Fact]
    public async Task Up_RefusesAConcurrencyItCannotUse_NamingWhereItCameFrom()
    {
        using var home = new TempDirectory("home");
        var start = NightshiftProcess.StartInfo(home.Path, home.Path, ["up", "--port", "0"]);
        start.Environment[WorkerOptions.ConcurrencyVariable] = "lots";
        var bad = await NightshiftProcess.RunAsync(start);
        bad.Exit.ShouldBe(ExitCodes.Usage);
        bad.Err.ShouldContain("NIGHTSHIFT_CONCURRENCY: 'lots' is not a whole number");
        var tooMany = await NightshiftProcess.RunAsync(home.Path, home.Path, "up", "--port", "0", "-j", "65");
        tooMany.Exit.ShouldBe(ExitCodes.Usage);
        tooMany.Err.ShouldContain("--concurrency takes 1 to 64.");
    }

    [Theory]
    [InlineData(512L << 20, 1)]
    [InlineData(5L << 30, 2)]
    [InlineData(8L << 30, 4)]
    [InlineData(256L << 30, 4)]
    public void TheDefault_IsOneAgentPerTwoGibibytesOfMemory_AtMostFour(long memory, int agents) =>
        WorkerOptions.DefaultConcurrency(memory).ShouldBe(agents);

    private static Task<NightshiftServer> StartAsync(TempDirectory home, int concurrency) => NightshiftServer.StartAsync(new ServerOptions
    {
        Home = new NightshiftHome(home.Path),
        Port = 0,
        Worker = new WorkerOptions { NodeId = "slots", Concurrency = concurrency, PollInterval = TimeSpan.FromMilliseconds(100), StopGracePeriod = TimeSpan.FromSeconds(1) },
    });

    private static async Task<string> BannerAsync(UpProcess up)
    {
        await InProcessCli.WaitUntilAsync(() => Task.FromResult(up.Log.Contains("agents at once", StringComparison.Ordinal)));
        return up.Log;
    }

    private static string Id(TaskDto task) => task.Id.ToString(CultureInfo.InvariantCulture);
}
