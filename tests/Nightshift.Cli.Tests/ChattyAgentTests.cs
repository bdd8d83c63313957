using System.Diagnostics;
using System.Text.Json;
using Nightshift.Cli.Connection;
using Nightshift.Client;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Processes;
using Nightshift.Core.Storage;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>An agent that prints hundreds of megabytes: the log, the memory and the other tasks stay as they were.</summary>
public sealed class ChattyAgentTests
{
    /// <summary>Lines of exactly 100 bytes (99 digits and a newline), 2,000,000 of them: 200 MB.</summary>
    private const string Flood = "yes $(printf '%099d' 0) 2>/dev/null | head -c 200000000";
    private const long FloodLines = 2_000_000;

    [Fact]
    public async Task A200MbFlood_ShowsOnlyItsBudgetAsEvents_KeepsTheRestInAFile_AndAnotherTaskFinishesMeanwhile()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        var limits = new OutputLimits { BurstLines = 1500, LinesPerSecond = 0, KeptBytes = 8L * 1024 * 1024, SummaryInterval = TimeSpan.FromSeconds(1) };
        await using var server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(home.Path),
            Port = 0,
            Worker = new WorkerOptions { NodeId = "chatty", Concurrency = 2, PollInterval = TimeSpan.FromMilliseconds(100), Output = limits },
        });
        using var client = server.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        await client.RegisterProjectAsync(repo.Path, ct);
        var mark = Path.Combine(home.Path, "quiet-finished");
        var memoryBefore = Memory();

        // The flood goes on in the background until the quiet task has finished, so the two overlap.
        await AddAsync(client, "Flood the log", $"( {Flood} ) & until [ -f '{mark}' ]; do sleep 0.1; done; wait", ct);
        await AddAsync(client, "Stay quiet", $"echo done > done.txt && touch '{mark}'", ct);
        await InProcessCli.WaitUntilAsync(async () => (await client.GetTaskAsync("2", ct)).Task.State == "InReview");
        await InProcessCli.WaitUntilAsync(async () => (await client.GetTaskAsync("1", ct)).Task.State is "InReview" or "Failed");
        (await client.GetTaskAsync("1", ct)).Task.State.ShouldBe("InReview");
        var memoryAfter = Memory();

        var events = await AllEventsAsync(client, "1", ct);
        events.Count(e => e.Kind == "log").ShouldBe(limits.BurstLines, "only the run's budget of lines became events");
        var held = events.Where(e => e.Kind == "log.held").ToList();
        held.ShouldNotBeEmpty();
        var final = JsonDocument.Parse(held[^1].Data!).RootElement;
        final.GetProperty("final").GetBoolean().ShouldBeTrue();
        final.GetProperty("heldLines").GetInt64().ShouldBe(FloodLines - limits.BurstLines, "every line is shown or counted");
        final.GetProperty("uncountedBytes").GetInt64().ShouldBeGreaterThan(0);
        var file = final.GetProperty("file").GetString()!;
        var kept = final.GetProperty("keptBytes").GetInt64();
        kept.ShouldBeLessThanOrEqualTo(limits.KeptBytes);
        new FileInfo(file).Length.ShouldBe(kept, "the file holds what the summary says, up to its limit");
        held[^1].Message.ShouldContain("kept in");

        var logs = await InProcessCli.RunAsync(home, "logs", "1");
        logs.Exit.ShouldBe(0, logs.Err);
        var lines = logs.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Count(l => l.Contains("\tlog\t", StringComparison.Ordinal)).ShouldBe(limits.BurstLines, "logs pages through every event, past the first 1,000");
        lines[^1].ShouldContain(events[^1].Message);
        var output = await InProcessCli.RunAsync(home, "logs", "1", "--output");
        output.Exit.ShouldBe(0, output.Err);
        var outputLines = output.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        outputLines.Length.ShouldBe((int)(kept / 100), "--output shows every kept line, also those the events left out");
        outputLines.ShouldAllBe(l => l == new string('0', 99));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"managed heap {memoryBefore.Heap / 1048576} MiB -> {memoryAfter.Heap / 1048576} MiB; working set {memoryBefore.WorkingSet / 1048576} MiB -> {memoryAfter.WorkingSet / 1048576} MiB; {events.Count} events");
    }

    [Fact]
    public async Task AServerWhoseAgentFloodsItsOutput_StopsOnTerm()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        await using var up = await UpProcess.StartAsync(home.Path);
        (await NightshiftProcess.RunAsync(home.Path, repo.Path, "init")).Exit.ShouldBe(0);
        var add = await NightshiftProcess.RunAsync(home.Path, repo.Path, "add", "-m", "---\ncommand: \"yes $(printf '%099d' 0)\"\n---\n# Flood forever\n\nPrint.\n");
        add.Exit.ShouldBe(0, add.Err);
        using var client = ServerConnection.Connect(new NightshiftHome(home.Path));
        // Flooding: past its burst, lines are held back and summarised.
        await InProcessCli.WaitUntilAsync(async () => (await client.GetEventsAsync("1", 0, 5000)).Any(e => e.Kind == "log.held"));

        await up.SignalAsync("TERM");

        using var generous = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Should.NotThrowAsync(() => up.WaitForExitAsync(generous.Token), "the flooded server ends after a TERM\n" + up.Log);
    }

    private static async Task AddAsync(NightshiftClient client, string title, string command, CancellationToken ct)
    {
        var spec = $"---\ncommand: |\n  {command}\n---\n# {title}\n\nGo.\n";
        await client.AddTaskAsync(new AddTaskRequest(null, spec, "spec.md"), ct);
    }

    private static async Task<List<EventDto>> AllEventsAsync(NightshiftClient client, string task, CancellationToken ct)
    {
        var all = new List<EventDto>();
        while (true)
        {
            var page = await client.GetEventsAsync(task, all.Count == 0 ? 0 : all[^1].Seq, 5000, ct);
            if (page.Count == 0)
            {
                return all;
            }
            all.AddRange(page);
        }
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }
}
