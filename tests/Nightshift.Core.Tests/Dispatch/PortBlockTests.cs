using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Projects;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

/// <summary>Each live run holds a port block of its own; the block is free again once its run ends.</summary>
public sealed class PortBlockTests
{
    private static string Spec(string title, string priority = "normal") => $"---\ncommand: \"true\"\npriority: {priority}\n---\n# {title}\n\nWork.\n";

    [Fact]
    public async Task TwoLiveRuns_HoldDisjointBlocks_AndAnEndedRunsBlockGoesToTheNextRun()
    {
        await using var engine = await EngineHarness.StartAsync();
        foreach (var name in new[] { "one", "two", "three" })
        {
            await engine.AddAsync(Spec(name), $"{name}.md");
        }
        var here = new TestNode(engine, "here");
        var there = new TestNode(engine, "there");
        var blocks = PortBlocks.Default;

        var (firstLease, first) = await here.ClaimAsync();
        var (_, second) = await there.ClaimAsync();

        first.PortBase.ShouldBe(blocks.First + blocks.Size, "the range's first block is the merge gate's");
        second.PortBase.ShouldBe(blocks.First + (2 * blocks.Size), "another live run, even on another node, gets another block");

        await here.Outcomes.EndAsync(firstLease, first, RunState.Failed, "done with it", TaskTrigger.Fail, "done with it");
        var (_, third) = await here.ClaimAsync();

        third.PortBase.ShouldBe(first.PortBase, "the ended run's block is free again");
        await using var db = engine.Db();
        (await db.Runs.SingleAsync(r => r.Id == first.Id)).PortBase.ShouldBe(first.PortBase, "an ended run keeps the record of the block it held");
    }

    [Fact]
    public async Task TwoClaimsThatReadTheSameFreeBlock_CannotBothCommitIt_TheSecondTakesTheNext()
    {
        await using var engine = await EngineHarness.StartAsync();
        await engine.AddAsync(Spec("mine"), "mine.md");
        var other = new TestNode(engine, "other");
        RunClaim? otherClaim = null;
        // This node has read the free blocks and is about to save its claim when another node
        // claims another, more urgent task and saves first: both read the same lowest free block.
        var meddle = new OnFirstSave(async () =>
        {
            await engine.AddAsync(Spec("theirs", "urgent"), "theirs.md");
            otherClaim = await other.Claims.TryClaimAsync(CancellationToken.None);
        });
        var dbs = new NightshiftDbFactory(new DbContextOptionsBuilder<NightshiftDb>(Database.SqliteOptions(engine.Home.DatabasePath)).AddInterceptors(meddle).Options);
        var board = new TaskBoard(dbs, engine.Get<TimeProvider>(), engine.Get<EventSignal>());
        var node = new TaskClaims(dbs, board, other.Disk, engine.Get<ProjectRegistry>(), EngineHarness.Fast with { NodeId = "this" });

        var mine = await node.TryClaimAsync(CancellationToken.None);

        meddle.Fired.ShouldBeTrue();
        var theirs = otherClaim.ShouldNotBeNull().Run.PortBase.ShouldNotBeNull();
        mine.ShouldNotBeNull().Run.PortBase.ShouldNotBeNull().ShouldNotBe(theirs);
    }

    [Fact]
    public async Task TheRunsBlock_ReachesItsSetupScript_ItsCommandAgent_AndItsChecks()
    {
        await using var engine = await EngineHarness.StartAsync();
        engine.Repo.WriteFile(".nightshift/project.yml", """
            setup: echo "$NIGHTSHIFT_PORT_BASE $NIGHTSHIFT_PORT_COUNT" > setup-ports.txt
            checks:
              - test "$NIGHTSHIFT_PORT_BASE $NIGHTSHIFT_PORT_COUNT" = "$(cat agent-ports.txt)"
            """);
        engine.Repo.CommitAll("a project whose scripts use their ports");
        var task = await engine.AddAsync("---\ncommand: echo \"$NIGHTSHIFT_PORT_BASE $NIGHTSHIFT_PORT_COUNT\" > agent-ports.txt\n---\n# Serve\n\nStart a server.\n");

        engine.StartWorker();
        var done = await engine.WaitForAsync(task.Id, TaskState.InReview);

        await using var db = engine.Db();
        var run = await db.Runs.SingleAsync(r => r.TaskId == task.Id);
        var expected = $"{run.PortBase.ShouldNotBeNull()} {PortBlocks.Default.Size}";
        engine.Repo.Git("show", $"{done.Branch}:agent-ports.txt").ShouldBe(expected);
        engine.Repo.Git("show", $"{done.Branch}:setup-ports.txt").ShouldBe(expected);
        // The check compared its own variables with the agent's file: it passed, so they were the same.
        (await engine.Get<TaskQueries>().EventsAsync(task.Id, 0, 500, CancellationToken.None)).ShouldContain(e => e.Kind == EventKind.Check && e.Message.StartsWith("passed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("21000-26999", 21000, 26999, 10)]
    [InlineData("30000-30099/20", 30000, 30099, 20)]
    public void TryParse_ReadsARangeWithAnOptionalBlockSize(string text, int first, int last, int size)
    {
        PortBlocks.TryParse(text, out var blocks, out var reason).ShouldBeTrue(reason);
        blocks.ShouldBe(new PortBlocks(first, last, size));
    }

    [Theory]
    [InlineData("lots", "not a port range")]
    [InlineData("80-1000", "below 1024")]
    [InlineData("60000-70000", "above 65535")]
    [InlineData("21000-21009", "no room for two blocks")]
    [InlineData("21000-21999/0", "holds none")]
    public void TryParse_RefusesABadRange_SayingWhy(string text, string why)
    {
        PortBlocks.TryParse(text, out _, out var reason).ShouldBeFalse();
        reason.ShouldContain(why);
    }
}
