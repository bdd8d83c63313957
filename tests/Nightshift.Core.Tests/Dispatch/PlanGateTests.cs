using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Agents;
using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Core.Comments;
using Nightshift.Core.Plans;
using Nightshift.Core.Specs;
using Nightshift.Core.Tasks;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Dispatch;

public sealed class PlanGateTests
{
    private const string Plan = "1. Add greeting.txt with a hello.\n2. Check it reads back.";

    // Rules are tried in order: the implementing run's prompt also holds the task's marker, and stays the last user message after a tool result.
    private static RuleBuilder Gated() => Script.Create()
        .WhenToolResult("greeting.txt").CallTool("finish", new { summary = "greeting added" })
        .When(RequestMatch.LastUserContains("## Your plan was approved").And(RequestMatch.LastUserContains("[gated]")))
            .CallTool("write_file", new { path = "greeting.txt", content = "hello\n" })
        .WhenLastUser("[gated]").Say(Plan);

    private static async Task<(ScriptedModelServer Model, EngineHarness Engine)> StartAsync(Script script, Action<EngineHarness>? before = null)
    {
        var model = await ScriptedModelServer.StartAsync(script);
        var engine = await EngineHarness.StartAsync(builtIn: new BuiltInAgentOptions { Model = "scripted", Endpoint = model.Endpoint, ApiKey = "x" });
        before?.Invoke(engine);
        return (model, engine);
    }

    private static string Spec(string extra = "") => $"---\nagent: builtin\nplan: required\n{extra}---\n# Greet\n\n[gated] Add a greeting file.\n";

    [Fact]
    public async Task APlanGatedTask_PlansWithoutChangingFiles_AndWaitsWithNoRunHoldingAPlace()
    {
        var (model, engine) = await StartAsync(Gated().WhenLastUser("[free]").CallTool("finish", new { summary = "free" }).Build(), e =>
        {
            e.Repo.WriteFile(".nightshift/project.yml", "concurrency: 1\n");
            e.Repo.CommitAll("one at a time");
        });
        await using var _ = model;
        await using var __ = engine;
        var gated = await engine.AddAsync(Spec());
        engine.StartWorker();

        var waiting = await engine.WaitForAsync(gated.Id, TaskState.AwaitingPlanApproval);

        waiting.PlanText.ShouldBe(Plan);
        waiting.PlanApprovedAt.ShouldBeNull();
        var planning = model.Requests[0];
        planning.LastOfRole("user")!.Contains("## Plan first").ShouldBeTrue();
        planning.ToolNames.ShouldContain("read_file");
        planning.ToolNames.ShouldNotContain("write_file");
        planning.ToolNames.ShouldNotContain("run_command");
        File.Exists(Path.Combine(waiting.WorktreePath!, "greeting.txt")).ShouldBeFalse();
        await using (var db = engine.Db())
        {
            (await db.Runs.SingleAsync()).State.ShouldBe(RunState.Succeeded);
            (await db.Events.Where(e => e.TaskId == gated.Id && e.Kind == EventKind.Plan).Select(e => e.Data).SingleAsync()).ShouldBe(Plan);
        }

        // The project allows one task at a time; a plan waiting for a human does not count.
        var other = await engine.AddAsync("---\nagent: builtin\n---\n# Other\n\n[free] Nothing.\n", "other.md");
        await engine.WaitForAsync(other.Id, TaskState.InReview);
        (await engine.Get<TaskQueries>().FindAsync(gated.Id.ToString(), CancellationToken.None)).State.ShouldBe(TaskState.AwaitingPlanApproval);
    }

    [Fact]
    public async Task ApprovingThePlan_RunsTheWorkWithThePlanAndTheNote()
    {
        var (model, engine) = await StartAsync(Gated().Build());
        await using var _ = model;
        await using var __ = engine;
        var task = await engine.AddAsync(Spec());
        engine.StartWorker();
        await engine.WaitForAsync(task.Id, TaskState.AwaitingPlanApproval);

        await engine.Get<PlanGate>().ApproveAsync(task.Id, "you", "Keep it to one line.", CancellationToken.None);
        var done = await engine.WaitForAsync(task.Id, TaskState.InReview);

        done.PlanApprovedAt.ShouldNotBeNull();
        File.ReadAllText(Path.Combine(done.WorktreePath!, "greeting.txt")).ShouldBe("hello\n");
        var work = model.Requests.First(r => r.LastOfRole("user")!.Contains("## Your plan was approved"));
        work.LastOfRole("user")!.Contains(Plan).ShouldBeTrue();
        work.LastOfRole("user")!.Contains("Keep it to one line.").ShouldBeTrue();
        work.LastOfRole("user")!.Contains("## Plan first").ShouldBeFalse();
        work.ToolNames.ShouldContain("write_file");
        var events = await engine.Get<TaskQueries>().EventsAsync(task.Id, 0, 500, CancellationToken.None);
        events.ShouldContain(e => e.Kind == EventKind.StateChanged && e.Message == "AwaitingPlanApproval → Queued: plan approved by you");
        events.ShouldContain(e => e.Kind == EventKind.StateChanged && e.Message.StartsWith("Queued → Running", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendingThePlanBack_PlansAgainWithTheFeedback()
    {
        var script = Script.Create()
            .When(RequestMatch.LastUserContains("Use a markdown file instead.").And(RequestMatch.LastUserContains("## Plan first")))
                .Say("1. Add GREETING.md.")
            .WhenLastUser("[gated]").Say(Plan)
            .Build();
        var (model, engine) = await StartAsync(script);
        await using var _ = model;
        await using var __ = engine;
        var task = await engine.AddAsync(Spec());
        engine.StartWorker();
        await engine.WaitForAsync(task.Id, TaskState.AwaitingPlanApproval);

        await Should.ThrowAsync<ArgumentException>(() => engine.Get<PlanGate>().ReviseAsync(task.Id, "you", "  ", CancellationToken.None));
        await engine.Get<PlanGate>().ReviseAsync(task.Id, "you", "Use a markdown file instead.", CancellationToken.None);

        await engine.WaitForAsync(task.Id, TaskState.AwaitingPlanApproval, predicate: t => t.PlanText == "1. Add GREETING.md.");
        await using var db = engine.Db();
        (await db.Runs.CountAsync()).ShouldBe(2);
        (await db.Comments.SingleAsync()).DeliveredToRunId.ShouldBe(new RunId(2));
    }

    [Fact]
    public async Task APlanCanOnlyBeJudgedWhileItWaits()
    {
        var (model, engine) = await StartAsync(Gated().Build());
        await using var _ = model;
        await using var __ = engine;
        var task = await engine.AddAsync(Spec());

        var refused = await Should.ThrowAsync<InvalidTransitionException>(() => engine.Get<PlanGate>().ApproveAsync(task.Id, "you", null, CancellationToken.None));
        refused.Message.ShouldBe($"Task {task.Id} is Queued; 'approve the plan' is not possible from there.");
    }

    [Fact]
    public async Task AQuestionWhilePlanning_GoesBackToPlanningWhenAnswered()
    {
        var script = Script.Create()
            .WhenToolResult("The developer answered").Say(Plan)
            .WhenLastUser("[gated]").CallTool("ask_question", new { question = "A file or a README line?" })
            .Build();
        var (model, engine) = await StartAsync(script);
        await using var _ = model;
        await using var __ = engine;
        var task = await engine.AddAsync(Spec());
        engine.StartWorker();
        await engine.WaitForAsync(task.Id, TaskState.NeedsInput);

        await engine.Get<CommentBox>().AddAsync(task.Id, "you", "A file.", CommentMode.Answer, null, null, CancellationToken.None);

        var waiting = await engine.WaitForAsync(task.Id, TaskState.AwaitingPlanApproval);
        waiting.PlanText.ShouldBe(Plan);
        var events = await engine.Get<TaskQueries>().EventsAsync(task.Id, 0, 500, CancellationToken.None);
        events.ShouldContain(e => e.Kind == EventKind.StateChanged && e.Message.StartsWith("NeedsInput → Planning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APlanGateOnTheCommandAgent_IsRefusedWhenAdded_NamingTheField()
    {
        await using var engine = await EngineHarness.StartAsync();

        var refused = await Should.ThrowAsync<SpecValidationException>(() => engine.AddAsync("---\ncommand: make lint\nplan: required\n---\n# Lint\n\nRun it.\n"));

        var error = refused.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("plan");
        error.Message.ShouldStartWith("the command agent runs a command and cannot show a plan; remove `plan: required`");
        await using var db = engine.Db();
        (await db.Tasks.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task AStoredPlanGateOnAnAgentThatCannotPlan_FailsTheTaskSayingWhatToDo()
    {
        // A task stored before its agent could be checked (as by an older version): the engine refuses it too.
        await using var engine = await EngineHarness.StartAsync();
        var task = await engine.AddAsync("---\ncommand: \"echo hi > out.txt\"\n---\n# Command\n\nRun it.\n");
        await engine.Get<TaskBoard>().MutateAsync(task.Id, (t, _) => t.Plan = PlanMode.Required, CancellationToken.None);
        engine.StartWorker();

        var failed = await engine.WaitForAsync(task.Id, TaskState.Failed);

        failed.StateReason.ShouldBe($"the spec asks for `plan: required`, but the 'command' agent cannot show a plan and wait; use another agent or remove the plan gate, then `nightshift retry {task.Id}`");
        engine.Get<AgentCatalog>().Find("command")!.Capabilities.PlanMode.ShouldBeFalse();
    }
}
