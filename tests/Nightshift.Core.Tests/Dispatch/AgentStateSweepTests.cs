using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Agents;
using Nightshift.Core.Agents.Cli;
using Nightshift.Core.Runs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

public sealed class AgentStateSweepTests
{
    [Fact]
    public async Task Sweep_RemovesAMergedAndACancelledTasksState_UnderEveryRuntimesRoot()
    {
        await using var f = await LeaseFixture.StartAsync();
        var merged = await MergedTaskAsync(f);
        var cancelled = await f.Engine.AddAsync(Spec, "cancelled.md");
        await f.Engine.Get<TaskControl>().CancelAsync(cancelled.Id, "test", CancellationToken.None);
        var roots = StateRoots(f);
        roots.Count.ShouldBe(5);
        var folders = roots.SelectMany(r => new[] { MakeState(r, merged.Id), MakeState(r, cancelled.Id) }).ToList();

        var removed = await f.Node("a").Sweep.SweepAsync(CancellationToken.None);

        removed.ShouldBe(10);
        folders.ShouldAllBe(path => !Path.Exists(path));
        var recorded = await EventsAsync(f, merged.Id, EventKind.Workspace);
        recorded.ShouldHaveSingleItem().ShouldStartWith("Agent state removed: ");
        recorded[0].ShouldContain(CliAgent.TaskState(roots[0], merged.Id.Value));
        (await EventsAsync(f, cancelled.Id, EventKind.Workspace)).ShouldHaveSingleItem().ShouldContain("claude-code");
    }

    [Fact]
    public async Task Sweep_KeepsTheStateOfQueuedRunningAndFailedTasks()
    {
        await using var f = await LeaseFixture.StartAsync();
        var node = f.Node("a");
        var (_, run) = await node.ClaimAsync();
        var failed = await f.Engine.AddAsync(Spec, "failed.md");
        await Board(f).TransitionAsync(failed.Id, TaskTrigger.Claim, null, null, CancellationToken.None);
        await Board(f).TransitionAsync(failed.Id, TaskTrigger.Fail, "the agent failed", null, CancellationToken.None);
        var queued = await f.Engine.AddAsync(Spec, "queued.md");
        var root = StateRoots(f)[0];
        var kept = new[] { MakeState(root, run.TaskId), MakeState(root, failed.Id), MakeState(root, queued.Id) };

        (await node.Sweep.SweepAsync(CancellationToken.None)).ShouldBe(0);

        kept.ShouldAllBe(path => File.Exists(Path.Combine(path, "session.jsonl")));
    }

    [Fact]
    public async Task Sweep_KeepsACancelledTasksState_UntilItsAgentHasStopped()
    {
        await using var f = await LeaseFixture.StartAsync();
        var node = f.Node("a");
        var (lease, run) = await node.ClaimAsync();
        var folder = MakeState(StateRoots(f)[0], run.TaskId);

        // The cancel is recorded at once; the agent stops afterwards, and its run ends after that.
        await f.Engine.Get<TaskControl>().CancelAsync(run.TaskId, "test", CancellationToken.None);
        (await node.Sweep.SweepAsync(CancellationToken.None)).ShouldBe(0);
        (await node.Outcomes.EndAsync(lease, run, RunState.Cancelled, "cancelled", null, null)).ShouldBeTrue();
        (await node.Sweep.SweepAsync(CancellationToken.None)).ShouldBe(0);
        Directory.Exists(folder).ShouldBeTrue();

        node.Active.End(lease);
        (await node.Sweep.SweepAsync(CancellationToken.None)).ShouldBe(1);

        Directory.Exists(folder).ShouldBeFalse();
    }

    [Fact]
    public async Task Sweep_KeepsACancelledTasksState_WhileAnotherNodesRunOfItIsStillRunning()
    {
        await using var f = await LeaseFixture.StartAsync();
        var (_, run) = await f.Node("other").ClaimAsync();
        await f.Engine.Get<TaskControl>().CancelAsync(run.TaskId, "test", CancellationToken.None);
        var folder = MakeState(StateRoots(f)[0], run.TaskId);

        (await f.Node("a").Sweep.SweepAsync(CancellationToken.None)).ShouldBe(0);

        Directory.Exists(folder).ShouldBeTrue();
    }

    [Fact]
    public async Task Sweep_RemovesTheStateOfATaskNoLongerInTheStore()
    {
        await using var f = await LeaseFixture.StartAsync();
        var folder = MakeState(StateRoots(f)[1], new TaskId(4242));

        (await f.Node("a").Sweep.SweepAsync(CancellationToken.None)).ShouldBe(1);

        Directory.Exists(folder).ShouldBeFalse();
    }

    [Fact]
    public async Task Sweep_OfATaskFolderThatIsALinkToOutsideTheRoot_RemovesOnlyTheLink()
    {
        await using var f = await LeaseFixture.StartAsync();
        var merged = await MergedTaskAsync(f);
        using var outside = new Nightshift.Testing.TempDirectory("outside");
        File.WriteAllText(outside.Combine("precious.txt"), "the user's own file");
        var root = StateRoots(f)[0];
        Directory.CreateDirectory(root);
        var link = CliAgent.TaskState(root, merged.Id.Value);
        Directory.CreateSymbolicLink(link, outside.Path);

        (await f.Node("a").Sweep.SweepAsync(CancellationToken.None)).ShouldBe(1);

        Path.Exists(link).ShouldBeFalse();
        File.ReadAllText(outside.Combine("precious.txt")).ShouldBe("the user's own file");
    }

    [Fact]
    public async Task Sweep_OfAFolderHoldingLinksToOutsideTheRoot_NeverFollowsThem()
    {
        await using var f = await LeaseFixture.StartAsync();
        var merged = await MergedTaskAsync(f);
        using var outside = new Nightshift.Testing.TempDirectory("outside");
        Directory.CreateDirectory(outside.Combine("projects"));
        File.WriteAllText(outside.Combine("projects", "notes.md"), "keep");
        File.WriteAllText(outside.Combine(".gitconfig"), "[user]\n");
        var folder = MakeState(StateRoots(f)[0], merged.Id);
        Directory.CreateSymbolicLink(Path.Combine(folder, "home", "projects"), outside.Combine("projects"));
        File.CreateSymbolicLink(Path.Combine(folder, "home", ".gitconfig"), outside.Combine(".gitconfig"));

        (await f.Node("a").Sweep.SweepAsync(CancellationToken.None)).ShouldBe(1);

        Directory.Exists(folder).ShouldBeFalse();
        File.ReadAllText(outside.Combine("projects", "notes.md")).ShouldBe("keep");
        File.ReadAllText(outside.Combine(".gitconfig")).ShouldBe("[user]\n");
    }

    [Fact]
    public async Task Sweep_FinishesARemovalThatAStoppedSweepLeftBehind_AndLeavesOtherFoldersAlone()
    {
        await using var f = await LeaseFixture.StartAsync();
        var root = StateRoots(f)[0];
        var leftover = Path.Combine(root, ".removing-task-7-abc");
        Directory.Move(MakeState(root, new TaskId(7)), leftover);
        var unrelated = Path.Combine(root, "shared-cache");
        Directory.CreateDirectory(unrelated);

        (await f.Node("a").Sweep.SweepAsync(CancellationToken.None)).ShouldBe(0);

        Directory.Exists(leftover).ShouldBeFalse();
        Directory.Exists(unrelated).ShouldBeTrue();
    }

    internal const string Spec = "---\ncommand: \"true\"\n---\n# Task\n\nRun.\n";

    internal static List<string> StateRoots(LeaseFixture f) => [.. f.Engine.Get<AgentCatalog>().StateRoots.Select(r => r.Root)];

    /// <summary>A task's state folder as a CLI leaves it: a HOME with a session file in it.</summary>
    internal static string MakeState(string root, TaskId task)
    {
        var folder = CliAgent.TaskState(root, task.Value);
        Directory.CreateDirectory(Path.Combine(folder, "home"));
        File.WriteAllText(Path.Combine(folder, "session.jsonl"), "{\"type\":\"session\"}\n");
        return folder;
    }

    internal static async Task<TaskRecord> MergedTaskAsync(LeaseFixture f)
    {
        var task = await f.Engine.AddAsync(Spec, "merged.md");
        foreach (var trigger in new[] { TaskTrigger.Claim, TaskTrigger.AgentFinished, TaskTrigger.ChecksPassed, TaskTrigger.Approve, TaskTrigger.StartMerge, TaskTrigger.MergeSucceeded })
        {
            task = await Board(f).TransitionAsync(task.Id, trigger, null, null, CancellationToken.None);
        }
        task.State.ShouldBe(TaskState.Merged);
        return task;
    }

    private static TaskBoard Board(LeaseFixture f) => f.Engine.Get<TaskBoard>();

    private static async Task<List<string>> EventsAsync(LeaseFixture f, TaskId task, string kind)
    {
        await using var db = f.Engine.Db();
        return await db.Events.AsNoTracking().Where(e => e.TaskId == task && e.Kind == kind).OrderBy(e => e.Seq).Select(e => e.Message).ToListAsync();
    }
}
