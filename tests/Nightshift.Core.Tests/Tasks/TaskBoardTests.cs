using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Tasks;

public sealed class TaskBoardTests
{
    private const string Spec = "---\ncommand: echo hi\n---\n# A task\n\nDo the thing.\n";

    [Fact]
    public async Task Transition_WritesTheStateAndAnEventInOrder()
    {
        await using var engine = await EngineHarness.StartAsync();
        var task = await engine.AddAsync(Spec);
        var board = engine.Get<TaskBoard>();

        await board.TransitionAsync(task.Id, TaskTrigger.Claim, null, null, CancellationToken.None);
        await board.TransitionAsync(task.Id, TaskTrigger.AgentFinished, "done", null, CancellationToken.None);

        await using var db = engine.Db();
        var stored = await db.Tasks.SingleAsync(t => t.Id == task.Id);
        stored.State.ShouldBe(TaskState.Verifying);
        var events = await db.Events.Where(e => e.TaskId == task.Id).OrderBy(e => e.Seq).ToListAsync();
        events.Select(e => e.Seq).ShouldBe([1L, 2L, 3L]);
        events[0].Kind.ShouldBe(EventKind.Created);
        events[1].Message.ShouldBe("Queued → Running");
        events[2].Message.ShouldBe("Running → Verifying: done");
        stored.LastEventSeq.ShouldBe(3);
    }

    [Fact]
    public async Task Transition_RecordsTheChangeAsData()
    {
        await using var engine = await EngineHarness.StartAsync();
        var task = await engine.AddAsync(Spec);
        var board = engine.Get<TaskBoard>();

        await board.TransitionAsync(task.Id, TaskTrigger.Claim, null, null, CancellationToken.None);
        await board.TransitionAsync(task.Id, TaskTrigger.AgentFinished, "done: all of it", null, CancellationToken.None);

        await using var db = engine.Db();
        var change = await db.Events.Where(e => e.TaskId == task.Id && e.Kind == EventKind.StateChanged).OrderBy(e => e.Seq).LastAsync();
        change.FromState.ShouldBe(TaskState.Running);
        change.ToState.ShouldBe(TaskState.Verifying);
        change.Trigger.ShouldBe(TaskTrigger.AgentFinished);
        change.Reason.ShouldBe("done: all of it");
    }

    [Fact]
    public async Task Transition_WhenRefused_ChangesNothing()
    {
        await using var engine = await EngineHarness.StartAsync();
        var task = await engine.AddAsync(Spec);

        var ex = await Should.ThrowAsync<InvalidTransitionException>(
            () => engine.Get<TaskBoard>().TransitionAsync(task.Id, TaskTrigger.Approve, null, null, CancellationToken.None));

        ex.Message.ShouldContain("is Queued");
        await using var db = engine.Db();
        (await db.Tasks.SingleAsync()).State.ShouldBe(TaskState.Queued);
        (await db.Events.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Append_FromManyWritersAtOnce_NumbersEventsWithoutGapsOrRepeats()
    {
        await using var engine = await EngineHarness.StartAsync();
        var task = await engine.AddAsync(Spec);
        var board = engine.Get<TaskBoard>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await board.AppendAsync(task.Id, null, EventKind.Log, $"writer {w} line {i}", null, CancellationToken.None);
            }
        })));

        await using var db = engine.Db();
        var seqs = await db.Events.Where(e => e.TaskId == task.Id).OrderBy(e => e.Seq).Select(e => e.Seq).ToListAsync();
        seqs.ShouldBe(Enumerable.Range(1, 81).Select(i => (long)i));
    }

    [Fact]
    public async Task Store_SurvivesAReopenOfTheDatabaseFile()
    {
        await using var engine = await EngineHarness.StartAsync();
        var task = await engine.AddAsync(Spec);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var db = new Storage.NightshiftDb(Storage.Database.SqliteOptions(engine.Home.DatabasePath));
        (await db.Tasks.SingleAsync()).Title.ShouldBe("A task");
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        (await cmd.ExecuteScalarAsync()).ShouldBe("wal");
        cmd.CommandText = "PRAGMA synchronous";
        (await cmd.ExecuteScalarAsync()).ShouldBe(2L);
        task.Id.Value.ShouldBe(1);
    }
}
