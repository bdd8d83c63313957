using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Tasks;

public sealed class TaskLifecycleTests
{
    // The whole flow of ARCHITECTURE.md, written out by hand: every arrow that exists. Any pair
    // not listed here must be refused.
    private static readonly (TaskState From, TaskTrigger Trigger, TaskState To)[] Expected =
    [
        (TaskState.Queued, TaskTrigger.Claim, TaskState.Running),
        (TaskState.Queued, TaskTrigger.Block, TaskState.Blocked),
        (TaskState.Planning, TaskTrigger.PlanReady, TaskState.AwaitingPlanApproval),
        (TaskState.Planning, TaskTrigger.Ask, TaskState.NeedsInput),
        (TaskState.Planning, TaskTrigger.Retry, TaskState.Queued),
        (TaskState.Planning, TaskTrigger.Fail, TaskState.Failed),
        (TaskState.AwaitingPlanApproval, TaskTrigger.ApprovePlan, TaskState.Queued),
        (TaskState.AwaitingPlanApproval, TaskTrigger.RejectPlan, TaskState.Queued),
        (TaskState.Running, TaskTrigger.Ask, TaskState.NeedsInput),
        (TaskState.Running, TaskTrigger.AgentFinished, TaskState.Verifying),
        (TaskState.Running, TaskTrigger.Retry, TaskState.Queued),
        (TaskState.Running, TaskTrigger.Fail, TaskState.Failed),
        (TaskState.NeedsInput, TaskTrigger.Answer, TaskState.Running),
        (TaskState.NeedsInput, TaskTrigger.Retry, TaskState.Queued),
        (TaskState.NeedsInput, TaskTrigger.Fail, TaskState.Failed),
        (TaskState.Verifying, TaskTrigger.ChecksPassed, TaskState.InReview),
        (TaskState.Verifying, TaskTrigger.ChecksFailed, TaskState.Running),
        (TaskState.Verifying, TaskTrigger.Retry, TaskState.Queued),
        (TaskState.Verifying, TaskTrigger.Fail, TaskState.Failed),
        (TaskState.InReview, TaskTrigger.Approve, TaskState.Approved),
        (TaskState.InReview, TaskTrigger.RequestChanges, TaskState.ChangesRequested),
        (TaskState.ChangesRequested, TaskTrigger.Requeue, TaskState.Queued),
        (TaskState.Approved, TaskTrigger.StartMerge, TaskState.Merging),
        (TaskState.Merging, TaskTrigger.MergeSucceeded, TaskState.Merged),
        (TaskState.Merging, TaskTrigger.MergeConflicted, TaskState.Conflict),
        (TaskState.Merging, TaskTrigger.MergeFailed, TaskState.InReview),
        (TaskState.Merging, TaskTrigger.Fail, TaskState.Failed),
        (TaskState.Merging, TaskTrigger.Retry, TaskState.Approved),
        (TaskState.Conflict, TaskTrigger.Requeue, TaskState.Queued),
        (TaskState.Conflict, TaskTrigger.Approve, TaskState.Approved),
        (TaskState.Failed, TaskTrigger.Reopen, TaskState.Queued),
        (TaskState.Blocked, TaskTrigger.Reopen, TaskState.Queued),
    ];

    public static TheoryData<TaskState, TaskTrigger> AllPairs()
    {
        var data = new TheoryData<TaskState, TaskTrigger>();
        foreach (var s in Enum.GetValues<TaskState>())
        {
            foreach (var t in Enum.GetValues<TaskTrigger>())
            {
                data.Add(s, t);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Next_ForEveryStateAndTrigger_IsTheDocumentedArrowOrRefused(TaskState from, TaskTrigger trigger)
    {
        var next = TaskLifecycle.Next(from, trigger);
        if (trigger == TaskTrigger.Cancel)
        {
            var cancellable = from is not (TaskState.Merged or TaskState.Cancelled or TaskState.Merging);
            next.ShouldBe(cancellable ? TaskState.Cancelled : null);
            return;
        }
        var arrow = Expected.Where(e => e.From == from && e.Trigger == trigger).Select(e => (TaskState?)e.To).SingleOrDefault();
        next.ShouldBe(arrow);
    }

    [Fact]
    public void IsFinal_HoldsForExactlyTheStatesNoArrowLeaves()
    {
        var final = Enum.GetValues<TaskState>().Where(TaskLifecycle.IsFinal);
        var noArrowLeaves = Enum.GetValues<TaskState>().Where(s => !TaskLifecycle.Allowed().Any(a => a.From == s));

        final.ShouldBe(noArrowLeaves);
        final.ShouldBe([TaskState.Merged, TaskState.Cancelled]);
    }

    [Fact]
    public void Cancel_FromMerging_IsRefusedSoAHalfDoneMergeIsNeverAbandoned()
    {
        TaskLifecycle.Next(TaskState.Merging, TaskTrigger.Cancel).ShouldBeNull();
    }

    [Fact]
    public void WorkingTarget_WhilePlanPending_ClaimAndAnswerLeadToPlanning()
    {
        TaskLifecycle.WorkingTarget(TaskState.Queued, TaskTrigger.Claim, planPending: true).ShouldBe(TaskState.Planning);
        TaskLifecycle.WorkingTarget(TaskState.Queued, TaskTrigger.Claim, planPending: false).ShouldBe(TaskState.Running);
        TaskLifecycle.WorkingTarget(TaskState.NeedsInput, TaskTrigger.Answer, planPending: true).ShouldBe(TaskState.Planning);
        TaskLifecycle.WorkingTarget(TaskState.NeedsInput, TaskTrigger.Answer, planPending: false).ShouldBe(TaskState.Running);
        TaskLifecycle.WorkingTarget(TaskState.Running, TaskTrigger.Claim, planPending: false).ShouldBeNull();
    }

    [Fact]
    public void Terminal_States_HaveNoWayOutButReopenOfFailed()
    {
        foreach (var (from, trigger, _) in TaskLifecycle.Allowed())
        {
            if (from is TaskState.Merged or TaskState.Cancelled)
            {
                Assert.Fail($"{from} must be final, but {trigger} leaves it");
            }
            if (from is TaskState.Failed)
            {
                trigger.ShouldBeOneOf(TaskTrigger.Reopen, TaskTrigger.Cancel);
            }
        }
    }

    [Fact]
    public void Every_State_IsReachableFromQueued()
    {
        var seen = new HashSet<TaskState> { TaskState.Queued };
        var frontier = new Queue<TaskState>([TaskState.Queued, TaskState.Planning]);
        seen.Add(TaskState.Planning);
        while (frontier.TryDequeue(out var s))
        {
            foreach (var (from, _, to) in TaskLifecycle.Allowed())
            {
                if (from == s && seen.Add(to))
                {
                    frontier.Enqueue(to);
                }
            }
        }
        seen.ShouldBe(Enum.GetValues<TaskState>(), ignoreOrder: true);
    }
}
