using Nightshift.Client;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>Queued work of an agent whose login met a usage limit says why it waits and until when, wherever queued work is shown.</summary>
public sealed class AgentLimitHoldTests
{
    [Fact]
    public async Task QueuedWork_OfAnAgentAtItsUsageLimit_SaysWhyAndUntilWhenInLsShowInboxAndTheApi()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        await using var server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(home.Path),
            Port = 0,
            Worker = new WorkerOptions { NodeId = "busy", PollInterval = TimeSpan.FromMilliseconds(100), HeartbeatInterval = TimeSpan.FromMilliseconds(200) },
        });
        using var client = server.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        await client.RegisterProjectAsync(repo.Path, ct);
        var resetAt = TimeProvider.System.GetUtcNow() + TimeSpan.FromHours(2) + TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(30);
        using (var store = new Store(home.Path))
        {
            await using var db = store.Open();
            db.AgentLimits.Add(new AgentLimitRecord { NodeId = "busy", Agent = "command", ResetAt = resetAt, ResetKnown = true, Message = "You've hit your limit", ReachedAt = TimeProvider.System.GetUtcNow() });
            await db.SaveChangesAsync(ct);
        }
        await client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"true\"\n---\n# Waits for the reset\n\nRun.\n", "spec.md"), ct);
        await InProcessCli.WaitUntilAsync(async () => (await client.GetNodesAsync(ct)).Waiting.Count > 0);

        var clock = TimeZoneInfo.ConvertTime(resetAt, TimeZoneInfo.Local).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var hold = (await client.GetNodesAsync(ct)).Waiting.ShouldHaveSingleItem();
        hold.Kind.ShouldBe("AgentLimit");
        hold.Until.ShouldNotBeNull().ShouldBe(resetAt);
        hold.Message.ShouldStartWith($"usage limit of command reached; resumes at ");
        hold.Message.ShouldContain(clock);
        hold.Message.ShouldEndWith("(in 2 h 11 min)");
        var task = (await client.GetTaskAsync("1", ct)).Task;
        task.State.ShouldBe("Queued");
        task.Waiting.ShouldBe([hold.Message]);

        (await InProcessCli.RunAsync(home, "ls")).Out.ShouldContain($"1\tQueued\tnormal\tcommand\tWaits for the reset\t{hold.Message}");
        (await InProcessCli.RunAsync(home, "show", "1")).Out.ShouldContain($"waiting: {hold.Message}");
        (await InProcessCli.RunAsync(home, "inbox")).Out.ShouldContain($"-\tusage limit\tqueued work is not starting\t-\t{hold.Message}\t{hold.Remedy}");
    }
}
