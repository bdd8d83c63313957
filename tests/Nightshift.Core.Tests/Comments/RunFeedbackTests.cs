using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Comments;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Comments;

public sealed class RunFeedbackTests
{
    private const string Spec = "---\ncommand: \"true\"\n---\n# Talk to me\n\nListen.\n";

    [Fact]
    public async Task Steering_IsDeliveredOnce_ToTheRunThatTookIt_WithWhen()
    {
        await using var engine = await EngineHarness.StartAsync();
        var (task, run) = await StartRunAsync(engine);
        var comments = engine.Get<CommentBox>();
        await comments.AddAsync(task, "you", "use tabs", CommentMode.Steer, null, null, CancellationToken.None);
        await comments.AddAsync(task, "you", "later, not now", CommentMode.Queue, null, null, CancellationToken.None);
        var feedback = engine.Get<FeedbackDesk>().For(run);

        (await feedback.TakeSteeringAsync(CancellationToken.None)).ShouldBe(["use tabs"]);
        (await feedback.TakeSteeringAsync(CancellationToken.None)).ShouldBeEmpty();
        (await feedback.TakeQueuedAsync(CancellationToken.None)).ShouldBe(["later, not now"]);

        await using var db = engine.Db();
        var stored = await db.Comments.OrderBy(c => c.Id).ToListAsync();
        stored.ShouldAllBe(c => c.DeliveredToRunId == run.RunId && c.DeliveredAt != null);
        (await db.Events.CountAsync(e => e.Kind == "comment" && e.Message.Contains("delivered to run"))).ShouldBe(2);
    }

    [Fact]
    public async Task TheDeliveryReceipt_NamesTheRunByItsNumberOnTheTask_AsTheLogDoes()
    {
        await using var engine = await EngineHarness.StartAsync();
        // Another task's run first: this task's run 1 is then run id 2, and the two numbers differ.
        await StartRunAsync(engine);
        var (task, run) = await StartRunAsync(engine);
        run.RunId.Value.ShouldBe(2);
        await engine.Get<CommentBox>().AddAsync(task, "you", "use tabs", CommentMode.Steer, null, null, CancellationToken.None);

        await engine.Get<FeedbackDesk>().For(run).TakeSteeringAsync(CancellationToken.None);

        var receipt = (await engine.Get<TaskQueries>().EventsAsync(task, 0, 100, CancellationToken.None)).Single(e => e.Kind == "comment" && e.Message.Contains("delivered", StringComparison.Ordinal));
        receipt.Message.ShouldEndWith("delivered to run 1");
    }

    [Fact]
    public async Task Ask_PutsTheTaskInNeedsInput_UntilAnAnswerComes()
    {
        await using var engine = await EngineHarness.StartAsync();
        var (task, run) = await StartRunAsync(engine);
        var feedback = engine.Get<FeedbackDesk>().For(run);

        var asking = feedback.AskAsync("Which database?", CancellationToken.None);
        await engine.WaitForAsync(task, TaskState.NeedsInput);
        asking.IsCompleted.ShouldBeFalse();
        await engine.Get<CommentBox>().AddAsync(task, "you", "PostgreSQL", CommentMode.Answer, null, null, CancellationToken.None);

        (await asking.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe("PostgreSQL");
        var after = await engine.Get<TaskQueries>().FindAsync(task.ToString(), CancellationToken.None);
        after.State.ShouldBe(TaskState.Running);
        var kinds = (await engine.Get<TaskQueries>().EventsAsync(task, 0, 100, CancellationToken.None)).Select(e => e.Kind).ToList();
        kinds.ShouldContain("question");
        kinds.ShouldContain("answer");
        kinds.IndexOf("question").ShouldBeLessThan(kinds.IndexOf("answer"));
    }

    [Fact]
    public async Task AnAnswer_WithNoQuestionWaiting_IsRefused()
    {
        await using var engine = await EngineHarness.StartAsync();
        var (task, _) = await StartRunAsync(engine);

        await Should.ThrowAsync<InvalidTransitionException>(() =>
            engine.Get<CommentBox>().AddAsync(task, "you", "42", CommentMode.Answer, null, null, CancellationToken.None));

        await using var db = engine.Db();
        (await db.Comments.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task AWaitingQuestion_StopsWhenTheRunIsCancelled()
    {
        await using var engine = await EngineHarness.StartAsync();
        var (task, run) = await StartRunAsync(engine);
        using var cts = new CancellationTokenSource();

        var asking = engine.Get<FeedbackDesk>().For(run).AskAsync("Still there?", cts.Token);
        await engine.WaitForAsync(task, TaskState.NeedsInput);
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => asking);
    }

    [Fact]
    public async Task ARunThatLostItsLease_CannotTakeTheTasksComments()
    {
        await using var engine = await EngineHarness.StartAsync();
        var (task, run) = await StartRunAsync(engine);
        await engine.Get<CommentBox>().AddAsync(task, "you", "for the live run only", CommentMode.Steer, null, null, CancellationToken.None);
        await using (var db = engine.Db())
        {
            // Another node's reaper took the run: it is no longer Running.
            await db.Runs.ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Interrupted));
        }

        await Should.ThrowAsync<OperationCanceledException>(() => engine.Get<FeedbackDesk>().For(run).TakeSteeringAsync(CancellationToken.None));

        run.IsLost.ShouldBeTrue();
        await using var check = engine.Db();
        (await check.Comments.SingleAsync()).DeliveredAt.ShouldBeNull();
    }

    private static async Task<(TaskId Task, Nightshift.Core.Dispatch.RunLease Run)> StartRunAsync(EngineHarness engine)
    {
        var task = await engine.AddAsync(Spec);
        RunRecord? run = null;
        await engine.Get<TaskBoard>().TransitionAsync(task.Id, TaskTrigger.Claim, null, null, CancellationToken.None, (t, db) =>
        {
            t.Attempts = 1;
            run = new RunRecord { TaskId = t.Id, Attempt = 1, Agent = "command", NodeId = "test", State = RunState.Running };
            db.Runs.Add(run);
        });
        return (task.Id, new Nightshift.Core.Dispatch.RunLease(run!, CancellationToken.None));
    }
}
