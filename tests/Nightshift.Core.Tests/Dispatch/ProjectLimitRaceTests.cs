using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Projects;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

public sealed class ProjectLimitRaceTests
{
    [Fact]
    public async Task AClaimThatLosesTheProjectsLastPlaceWhileSaving_CountsAgainAndTakesNothing()
    {
        await using var engine = await EngineHarness.StartAsync();
        engine.Repo.WriteFile(".nightshift/project.yml", "concurrency: 1\n");
        engine.Repo.CommitAll("one at a time");
        var first = await engine.AddAsync("---\ncommand: \"true\"\n---\n# First\n\nWork.\n", "first.md");
        var other = new TestNode(engine, "other");
        TaskRecord? urgent = null;
        RunClaim? otherClaim = null;

        // This node has counted the project's busy tasks (none) and is about to save its claim of
        // the first task when, in between, another node claims a newer, more urgent task of the
        // same project: both saw the one free place.
        var meddle = new OnFirstSave(async () =>
        {
            urgent = await engine.AddAsync("---\ncommand: \"true\"\npriority: urgent\n---\n# Urgent\n\nWork.\n", "urgent.md");
            otherClaim = await other.Claims.TryClaimAsync(CancellationToken.None);
        });
        var dbs = new NightshiftDbFactory(new DbContextOptionsBuilder<NightshiftDb>(Database.SqliteOptions(engine.Home.DatabasePath)).AddInterceptors(meddle).Options);
        var board = new TaskBoard(dbs, engine.Get<TimeProvider>(), engine.Get<EventSignal>());
        var node = new TaskClaims(dbs, board, other.Disk, engine.Get<ProjectRegistry>(), EngineHarness.Fast with { NodeId = "this" });

        var mine = await node.TryClaimAsync(CancellationToken.None);

        meddle.Fired.ShouldBeTrue();
        otherClaim.ShouldNotBeNull().Task.Id.ShouldBe(urgent!.Id);
        mine.ShouldBeNull("the other node took the project's one place first");
        (await engine.Get<TaskQueries>().FindAsync(first.Id.ToString(), CancellationToken.None)).State.ShouldBe(TaskState.Queued);
    }
}
