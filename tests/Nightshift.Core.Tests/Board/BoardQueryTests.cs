using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Board;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Board;

public sealed class BoardQueryTests
{
    private const string Spec = "---\ncommand: \"true\"\nlabels: [ui, docs]\n---\n# Card\n\nBody.\n";

    [Fact]
    public async Task A_card_sums_its_runs_and_shows_the_latest_progress_of_a_task_at_work()
    {
        await using var h = await EngineHarness.StartAsync();
        var task = await h.AddAsync(Spec);
        var board = h.Get<TaskBoard>();
        await board.TransitionAsync(task.Id, TaskTrigger.Claim, null, null, TestContext.Current.CancellationToken);
        await using (var db = h.Db())
        {
            db.Runs.Add(new RunRecord { TaskId = task.Id, Attempt = 1, Agent = "command", NodeId = "n", StartedAt = h.Get<TimeProvider>().GetUtcNow(), CostUsd = 0.25m, InputTokens = 100, OutputTokens = 20 });
            db.Runs.Add(new RunRecord { TaskId = task.Id, Attempt = 2, Agent = "command", NodeId = "n", StartedAt = h.Get<TimeProvider>().GetUtcNow(), CostUsd = 0.5m, InputTokens = 10, OutputTokens = 2 });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await board.AppendAsync(task.Id, null, EventKind.Progress, "40% writing the parser", null, TestContext.Current.CancellationToken);
        await board.AppendAsync(task.Id, null, EventKind.ToolCall, "run_command dotnet test", null, TestContext.Current.CancellationToken);

        var card = (await h.Get<BoardQuery>().ListAsync(TestContext.Current.CancellationToken)).ShouldHaveSingleItem();

        card.State.ShouldBe(TaskState.Running);
        card.Percent.ShouldBe(40);
        card.LastLine.ShouldBe("writing the parser");
        card.Runs.ShouldBe(2);
        card.CostUsd.ShouldBe(0.75m);
        card.Tokens.ShouldBe(132);
        card.Labels.ShouldBe(["ui", "docs"]);
        card.Project.ShouldBe(h.Project.Name);
    }

    [Fact]
    public async Task The_board_is_read_in_one_statement_however_many_tasks_there_are()
    {
        var statements = new StatementCounter();
        await using var h = await EngineHarness.StartAsync();
        var counted = new DbContextOptionsBuilder<NightshiftDb>(h.Get<DbContextOptions<NightshiftDb>>()).AddInterceptors(statements).Options;
        for (var i = 0; i < 5; i++)
        {
            var task = await h.AddAsync(Spec, $"t{i}.md");
            await h.Get<TaskBoard>().AppendAsync(task.Id, null, EventKind.Progress, $"{i * 10}% step", null, TestContext.Current.CancellationToken);
        }

        statements.Reset();
        var cards = await new BoardQuery(new NightshiftDbFactory(counted)).ListAsync(TestContext.Current.CancellationToken);

        cards.Count.ShouldBe(5);
        statements.Count.ShouldBe(1);
    }
}
