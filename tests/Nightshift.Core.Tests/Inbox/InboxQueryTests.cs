using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Inbox;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Core.Tests.Board;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Inbox;

public sealed class InboxQueryTests
{
    [Fact]
    public async Task The_inbox_is_read_in_one_statement_each_item_waiting_since_its_last_state_change()
    {
        var statements = new StatementCounter();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        await using var h = await EngineHarness.StartAsync(time: time);
        var counted = new DbContextOptionsBuilder<NightshiftDb>(h.Get<DbContextOptions<NightshiftDb>>()).AddInterceptors(statements).Options;
        var board = h.Get<TaskBoard>();
        var waiting = new[] { TaskState.NeedsInput, TaskState.Failed, TaskState.InReview, TaskState.AwaitingPlanApproval };
        var since = new Dictionary<TaskId, DateTimeOffset>();
        for (var i = 0; i < waiting.Length; i++)
        {
            var task = await h.AddAsync($"---\ncommand: \"true\"\n---\n# Task {i}\n\nWork.\n", $"t{i}.md");
            time.Advance(TimeSpan.FromMinutes(10));
            var state = waiting[i];
            await board.MutateAsync(task.Id, (t, db) =>
            {
                t.State = state;
                board.Append(db, t, null, EventKind.StateChanged, $"Queued → {state}");
            }, TestContext.Current.CancellationToken);
            since[task.Id] = time.GetUtcNow();
            // Later events of other kinds do not move when it started waiting.
            time.Advance(TimeSpan.FromMinutes(1));
            await board.AppendAsync(task.Id, null, EventKind.Log, "a later note", null, TestContext.Current.CancellationToken);
        }
        await h.AddAsync("---\ncommand: \"true\"\n---\n# Still queued\n\nWork.\n", "queued.md");

        statements.Reset();
        var items = await new InboxQuery(new NightshiftDbFactory(counted)).ListAsync(TestContext.Current.CancellationToken);

        statements.Count.ShouldBe(1);
        items.Select(i => i.Kind).ShouldBe([InboxKind.Question, InboxKind.PlanApproval, InboxKind.Failed, InboxKind.Review]);
        items.ShouldAllBe(i => i.Since == since[i.Task.Id]);
    }
}
