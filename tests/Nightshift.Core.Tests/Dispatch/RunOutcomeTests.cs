using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

/// <summary>How a run ended for its task, and what its agent said, are kept on the run itself.</summary>
public sealed class RunOutcomeTests
{
    [Fact]
    public async Task AFinishedRun_KeepsTheAgentsSummaryAndGoesToReview()
    {
        await using var engine = await EngineHarness.StartAsync();
        var task = await engine.AddAsync("---\ncommand: \"echo 42 > answer.txt\"\n---\n# Answer\n\nWrite it.\n");
        engine.StartWorker();

        await engine.WaitForAsync(task.Id, TaskState.InReview);

        await using var db = engine.Db();
        var run = await db.Runs.SingleAsync(r => r.TaskId == task.Id);
        run.Outcome.ShouldBe(RunOutcome.ReadyForReview);
        run.Summary.ShouldBe("`echo 42 > answer.txt` exited 0");
        var toReview = await db.Events.Where(e => e.TaskId == task.Id && e.ToState == TaskState.InReview).SingleAsync();
        toReview.RunId.ShouldBe(run.Id);
        toReview.Trigger.ShouldBe(TaskTrigger.ChecksPassed);
    }

    [Fact]
    public async Task FailedRuns_AreRetriedThenFailed_OnTheRun()
    {
        await using var engine = await EngineHarness.StartAsync();
        var task = await engine.AddAsync("---\ncommand: \"exit 3\"\nmax_retries: 1\n---\n# Always fails\n\nFail.\n");
        engine.StartWorker();

        await engine.WaitForAsync(task.Id, TaskState.Failed);

        await using var db = engine.Db();
        var runs = await db.Runs.Where(r => r.TaskId == task.Id).OrderBy(r => r.Attempt).ToListAsync();
        runs.Select(r => r.Outcome).ShouldBe([RunOutcome.Retried, RunOutcome.Failed]);
        runs.Select(r => r.Summary).ShouldBe([null, null]);
    }
}
