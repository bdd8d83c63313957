using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Agents;
using Nightshift.Core.Bridge;
using Nightshift.Core.Comments;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Plans;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Bridge;

/// <summary>The bridge's tools on a real store and a held lease, without the MCP transport.</summary>
public sealed class RunBridgeTests
{
    private const string Spec = "---\ncommand: \"true\"\n---\n# Bridged\n\nWork.\n";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ReportProgress_KeepsPercentAndLineOnTheTask_AndLogsIt()
    {
        await using var engine = await EngineHarness.StartAsync();
        var (task, bridge, _) = await StartAsync(engine);

        await bridge.ReportProgressAsync(30, "Read the code", None);
        await bridge.ReportProgressAsync(60, "  Wrote the tests  ", None);

        var stored = await engine.Get<TaskQueries>().FindAsync(task.ToString(), None);
        stored.ProgressPercent.ShouldBe(60);
        stored.ProgressLine.ShouldBe("Wrote the tests");
        var progress = (await engine.Get<TaskQueries>().EventsAsync(task, 0, 100, None)).Where(e => e.Kind == "progress").Select(e => e.Message);
        progress.ShouldBe(["30% Read the code", "60% Wrote the tests"]);
    }

    [Fact]
    public async Task UpdatePlan_KeepsOnlyTheLatestPlanOnTheTask()
    {
        await using var engine = await EngineHarness.StartAsync();
        var (task, bridge, _) = await StartAsync(engine);

        await bridge.UpdatePlanAsync([new PlanStep("Read", false), new PlanStep("Write", false)], None);
        await bridge.UpdatePlanAsync([new PlanStep("Read", true), new PlanStep("Write", false), new PlanStep("Test", false)], None);

        var stored = await engine.Get<TaskQueries>().FindAsync(task.ToString(), None);
        PlanJson.Read(stored.PlanJson).ShouldBe([new PlanStep("Read", true), new PlanStep("Write", false), new PlanStep("Test", false)]);
        var plans = (await engine.Get<TaskQueries>().EventsAsync(task, 0, 100, None)).Where(e => e.Kind == "plan").ToList();
        plans[^1].Message.ShouldBe("Plan: 1 of 3 steps done; next: Write");
    }

    [Fact]
    public async Task RecordDecision_LogsTheDecisionWithItsWhy()
    {
        await using var engine = await EngineHarness.StartAsync();
        var (task, bridge, _) = await StartAsync(engine);

        await bridge.RecordDecisionAsync("Kept the old API", "two callers depend on it", None);

        var events = await engine.Get<TaskQueries>().EventsAsync(task, 0, 100, None);
        events.ShouldContain(e => e.Kind == "decision" && e.Message == "Kept the old API — why: two callers depend on it");
    }

    [Fact]
    public async Task TakeFeedback_TakesSteeringAndQueuedComments_OnlyOnce()
    {
        await using var engine = await EngineHarness.StartAsync();
        var (task, bridge, _) = await StartAsync(engine);
        var comments = engine.Get<CommentBox>();
        await comments.AddAsync(task, "you", "use tabs", CommentMode.Steer, null, null, None);
        await comments.AddAsync(task, "you", "then add docs", CommentMode.Queue, null, null, None);

        (await bridge.TakeFeedbackAsync(None)).ShouldBe(["use tabs", "then add docs"]);
        (await bridge.TakeFeedbackAsync(None)).ShouldBeEmpty();

        await using var db = engine.Db();
        (await db.Comments.ToListAsync()).ShouldAllBe(c => c.DeliveredAt != null && c.DeliveredToRunId == bridge.RunId);
    }

    [Fact]
    public async Task AnUnansweredQuestion_ReturnsNull_AndTheAnswerReachesTheSessionAtItsTurnEnd()
    {
        await using var engine = await EngineHarness.StartAsync();
        var (task, bridge, _) = await StartAsync(engine, TimeSpan.FromMilliseconds(200));

        (await bridge.AskAsync("Which license?", None)).ShouldBeNull();
        await engine.WaitForAsync(task, TaskState.NeedsInput);
        IAgentFeedback session = bridge;
        var turnEnd = session.TakeQueuedAsync(None);
        turnEnd.IsCompleted.ShouldBeFalse();
        await engine.Get<CommentBox>().AddAsync(task, "you", "MIT", CommentMode.Answer, null, null, None);

        (await turnEnd.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(["The developer answered your question \"Which license?\": MIT"]);
        (await session.TakeSteeringAsync(None)).ShouldBeEmpty();
        (await engine.Get<TaskQueries>().FindAsync(task.ToString(), None)).State.ShouldBe(TaskState.Running);
    }

    [Fact]
    public async Task AskingAgain_WhileAQuestionIsOpen_WaitsForTheSameQuestion()
    {
        await using var engine = await EngineHarness.StartAsync();
        var (task, bridge, _) = await StartAsync(engine, TimeSpan.FromMilliseconds(200));

        (await bridge.AskAsync("Which license?", None)).ShouldBeNull();
        var again = bridge.AskAsync("Which license, please?", None);
        await engine.Get<CommentBox>().AddAsync(task, "you", "Apache-2.0", CommentMode.Answer, null, null, None);

        var answer = await again;
        (answer ?? await bridge.AskAsync("Which license?", None)).ShouldBe("Apache-2.0");
        var questions = (await engine.Get<TaskQueries>().EventsAsync(task, 0, 100, None)).Count(e => e.Kind == "question");
        questions.ShouldBe(1);
    }

    [Fact]
    public async Task AWrite_AfterTheRunLostItsLease_IsRefused_AndChangesNothing()
    {
        await using var engine = await EngineHarness.StartAsync();
        var (task, bridge, run) = await StartAsync(engine);
        await using (var db = engine.Db())
        {
            await db.Runs.Where(r => r.Id == run).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Interrupted));
        }

        await Should.ThrowAsync<OperationCanceledException>(() => bridge.ReportProgressAsync(10, "late", None));

        (await engine.Get<TaskQueries>().FindAsync(task.ToString(), None)).ProgressPercent.ShouldBeNull();
    }

    [Fact]
    public async Task ATicket_OpensOnlyItsOwnRun_AndDiesWithIt()
    {
        await using var engine = await EngineHarness.StartAsync();
        var issuer = engine.Get<BridgeIssuer>();
        var (_, _, run) = await StartAsync(engine);
        using var lease = new RunLease(new RunRecord { Id = run, TaskId = new TaskId(1), Attempt = 1, Agent = "command", NodeId = "test" }, None);
        issuer.Issue(lease, NoFeedback.Instance, () => Task.CompletedTask).ShouldBeNull("no server serves the bridge yet");
        issuer.Serve(new Uri("http://127.0.0.1:7433/"));

        var ticket = issuer.Issue(lease, NoFeedback.Instance, () => Task.CompletedTask).ShouldNotBeNull();

        ticket.Endpoint.Url.ShouldBe(new Uri($"http://127.0.0.1:7433/mcp/runs/{run.Value}"));
        ticket.Endpoint.ToString().ShouldNotContain(ticket.Endpoint.Token);
        issuer.Find(run.Value, ticket.Endpoint.Token).ShouldBeSameAs(ticket.Bridge);
        issuer.Find(run.Value + 1, ticket.Endpoint.Token).ShouldBeNull();
        issuer.Find(run.Value, ticket.Endpoint.Token + "x").ShouldBeNull();
        issuer.IsRunToken(ticket.Endpoint.Token).ShouldBeTrue();
        ticket.Dispose();
        issuer.Find(run.Value, ticket.Endpoint.Token).ShouldBeNull();
        issuer.IsRunToken(ticket.Endpoint.Token).ShouldBeFalse();
    }

    private static async Task<(TaskId Task, RunBridge Bridge, RunId Run)> StartAsync(EngineHarness engine, TimeSpan? answerWait = null)
    {
        var task = await engine.AddAsync(Spec);
        RunRecord? run = null;
        await engine.Get<TaskBoard>().TransitionAsync(task.Id, TaskTrigger.Claim, null, null, None, (t, db) =>
        {
            t.Attempts = 1;
            run = new RunRecord { TaskId = t.Id, Attempt = 1, Agent = "command", NodeId = "test", State = RunState.Running };
            db.Runs.Add(run);
        });
        var lease = new RunLease(run!, None);
        var store = engine.Get<FeedbackDesk>().For(lease);
        var bridge = new RunBridge(lease, engine.Get<RunFence>(), engine.Get<TaskBoard>(), store, store, () => Task.CompletedTask)
        {
            AnswerWait = answerWait ?? TimeSpan.FromSeconds(10),
        };
        return (task.Id, bridge, run!.Id);
    }
}
