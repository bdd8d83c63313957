using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

/// <summary>A run's tokens and cost on its row: live while the agent works, summed over all its agent turns.</summary>
public sealed class RunUsageTests
{
    [Fact]
    public async Task TheTokensAnAgentReported_AreOnTheRunRow_WhileTheRunIsStillGoing()
    {
        var script = Script.Create()
            .WhenToolResult("wrote notes.txt").Say("still thinking").Delay(TimeSpan.FromMinutes(10))
            .WhenLastUser("[live]").CallTool("write_file", new { path = "notes.txt", content = "one\n" }).Usage(100, 10)
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        await using var engine = await EngineHarness.StartAsync(builtIn: new BuiltInAgentOptions { Model = "scripted", Endpoint = model.Endpoint, ApiKey = "x" });
        var task = await engine.AddAsync("---\nagent: builtin\n---\n# Live usage\n\n[live] Write a note, then think for a long time.\n");
        engine.StartWorker();

        // The model holds its second reply: the run is going on until the harness stops it.
        await model.WaitForRequestsAsync(2);
        var run = await WaitForTokensAsync(engine, task.Id);

        run.State.ShouldBe(RunState.Running);
        run.InputTokens.ShouldBe(100);
        run.OutputTokens.ShouldBe(10);
    }

    [Fact]
    public async Task TheBuiltInAgent_WithAPrice_ReportsTheRunsCost()
    {
        var script = Script.Create().WhenLastUser("[priced]").Say("Nothing to change.").Usage(100_000, 10_000).Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        await using var engine = await EngineHarness.StartAsync(builtIn: new BuiltInAgentOptions
        {
            Model = "scripted",
            Endpoint = model.Endpoint,
            ApiKey = "x",
            Price = new ModelPrice(3m, 15m),
        });
        var task = await engine.AddAsync("---\nagent: builtin\n---\n# Priced\n\n[priced] Look around.\n");
        engine.StartWorker();

        await engine.WaitForAsync(task.Id, TaskState.InReview);

        await using var db = engine.Db();
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.TaskId == task.Id);
        // 100k input tokens at $3 a million and 10k output tokens at $15 a million.
        run.CostUsd.ShouldBe(0.45m);
    }

    [Fact]
    public async Task ARunWithAFixUpTurn_EndsWithTheTokensOfAllItsTurns()
    {
        var script = Script.Create()
            .WhenToolResult("wrote answer.txt").Say("Fixed.").Usage(300, 30)
            .WhenLastUser("An acceptance check failed").CallTool("write_file", new { path = "answer.txt", content = "yes\n" }).Usage(200, 20)
            .WhenLastUser("[fixup]").Say("Done, I think.").Usage(100, 10)
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        await using var engine = await EngineHarness.StartAsync(builtIn: new BuiltInAgentOptions { Model = "scripted", Endpoint = model.Endpoint, ApiKey = "x" });
        var task = await engine.AddAsync(
            "---\nagent: builtin\nchecks: [\"grep -q yes answer.txt\"]\nmax_retries: 0\n---\n# Say yes\n\n[fixup] Write yes to answer.txt.\n");
        engine.StartWorker();

        await engine.WaitForAsync(task.Id, TaskState.InReview);

        await using var db = engine.Db();
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.TaskId == task.Id);
        run.State.ShouldBe(RunState.Succeeded);
        model.Requests.Count.ShouldBe(3);
        run.InputTokens.ShouldBe(600);
        run.OutputTokens.ShouldBe(60);
    }

    [Fact]
    public async Task EachWrittenBatch_AddsItsUsageToTheRun_AndTheRunsEndKeepsTheTotals()
    {
        await using var f = await LeaseFixture.StartAsync();
        var node = f.Node("n");
        var (lease, run) = await node.ClaimAsync();

        (await node.Fence.TryAppendManyAsync(lease, [("usage", "100 in, 10 out", null)], new RunUsage(100, 10, 0.25m))).ShouldBeTrue();
        (await node.Fence.TryAppendManyAsync(lease, [("usage", "50 in, 5 out", null)], new RunUsage(50, 5, 0.5m))).ShouldBeTrue();
        (await node.Outcomes.EndAsync(lease, run, RunState.Succeeded, null, null, null)).ShouldBeTrue();

        var stored = await f.RunAsync(run.Id);
        stored.InputTokens.ShouldBe(150);
        stored.OutputTokens.ShouldBe(15);
        stored.CostUsd.ShouldBe(0.75m);
    }

    [Fact]
    public async Task ABatchOfARunThatLostItsLease_AddsNoUsage()
    {
        await using var f = await LeaseFixture.StartAsync();
        var stale = f.Node("stale");
        var (lease, run) = await stale.ClaimAsync();
        f.Clock.Advance(stale.Options.LeaseDuration + TestNode.BeatEvery);
        await f.Node("live").BeatAsync();

        (await stale.Fence.TryAppendManyAsync(lease, [("usage", "100 in, 10 out", null)], new RunUsage(100, 10, 0.25m))).ShouldBeFalse();

        var stored = await f.RunAsync(run.Id);
        stored.InputTokens.ShouldBe(0);
        stored.CostUsd.ShouldBe(0m);
    }

    /// <summary>Reads the task's run until it shows tokens (bounded); a row that never does is returned as it is.</summary>
    private static async Task<RunRecord> WaitForTokensAsync(EngineHarness engine, TaskId id)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(15);
        while (true)
        {
            await using var db = engine.Db();
            var run = await db.Runs.AsNoTracking().SingleAsync(r => r.TaskId == id);
            if (run.InputTokens > 0 || TimeProvider.System.GetUtcNow() > deadline)
            {
                return run;
            }
            await Task.Delay(50);
        }
    }
}
