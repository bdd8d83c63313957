using System.Collections.Frozen;

namespace Nightshift.Core.Tasks;

/// <summary>
/// The task state machine: every (state, trigger) pair is either listed here with its target
/// state or refused. Nothing else in the engine decides which transitions exist.
/// </summary>
public static class TaskLifecycle
{
    private static readonly FrozenDictionary<(TaskState From, TaskTrigger Trigger), TaskState> Transitions =
        new Dictionary<(TaskState, TaskTrigger), TaskState>
        {
            [(TaskState.Queued, TaskTrigger.Claim)] = TaskState.Running,
            [(TaskState.Queued, TaskTrigger.Block)] = TaskState.Blocked,

            // The planning run ends with its plan; nothing runs while the plan waits for a human,
            // so a plan that waits all night holds no agent and no place under the concurrency limit.
            [(TaskState.Planning, TaskTrigger.PlanReady)] = TaskState.AwaitingPlanApproval,
            [(TaskState.Planning, TaskTrigger.Ask)] = TaskState.NeedsInput,
            [(TaskState.Planning, TaskTrigger.Retry)] = TaskState.Queued,
            [(TaskState.Planning, TaskTrigger.Fail)] = TaskState.Failed,

            [(TaskState.AwaitingPlanApproval, TaskTrigger.ApprovePlan)] = TaskState.Queued,
            [(TaskState.AwaitingPlanApproval, TaskTrigger.RejectPlan)] = TaskState.Queued,

            [(TaskState.Running, TaskTrigger.Ask)] = TaskState.NeedsInput,
            [(TaskState.Running, TaskTrigger.AgentFinished)] = TaskState.Verifying,
            [(TaskState.Running, TaskTrigger.Retry)] = TaskState.Queued,
            [(TaskState.Running, TaskTrigger.Fail)] = TaskState.Failed,

            [(TaskState.NeedsInput, TaskTrigger.Answer)] = TaskState.Running,
            [(TaskState.NeedsInput, TaskTrigger.Retry)] = TaskState.Queued,
            [(TaskState.NeedsInput, TaskTrigger.Fail)] = TaskState.Failed,

            [(TaskState.Verifying, TaskTrigger.ChecksPassed)] = TaskState.InReview,
            [(TaskState.Verifying, TaskTrigger.ChecksFailed)] = TaskState.Running,
            [(TaskState.Verifying, TaskTrigger.Retry)] = TaskState.Queued,
            [(TaskState.Verifying, TaskTrigger.Fail)] = TaskState.Failed,

            [(TaskState.InReview, TaskTrigger.Approve)] = TaskState.Approved,
            [(TaskState.InReview, TaskTrigger.RequestChanges)] = TaskState.ChangesRequested,

            [(TaskState.ChangesRequested, TaskTrigger.Requeue)] = TaskState.Queued,

            [(TaskState.Approved, TaskTrigger.StartMerge)] = TaskState.Merging,

            [(TaskState.Merging, TaskTrigger.MergeSucceeded)] = TaskState.Merged,
            [(TaskState.Merging, TaskTrigger.MergeConflicted)] = TaskState.Conflict,
            // A git error is not the branch's fault: the work waits in review to be approved again.
            [(TaskState.Merging, TaskTrigger.MergeFailed)] = TaskState.InReview,
            [(TaskState.Merging, TaskTrigger.Fail)] = TaskState.Failed,
            [(TaskState.Merging, TaskTrigger.Retry)] = TaskState.Approved,

            [(TaskState.Conflict, TaskTrigger.Requeue)] = TaskState.Queued,
            [(TaskState.Conflict, TaskTrigger.Approve)] = TaskState.Approved,

            [(TaskState.Failed, TaskTrigger.Reopen)] = TaskState.Queued,
            [(TaskState.Blocked, TaskTrigger.Reopen)] = TaskState.Queued,
        }.ToFrozenDictionary();

    /// <summary>States a task never leaves on its own.</summary>
    public static bool IsTerminal(TaskState state) =>
        state is TaskState.Merged or TaskState.Cancelled or TaskState.Failed;

    /// <summary>
    /// States no arrow leaves: the task never runs again, so nothing it kept for a later run (an
    /// agent's session) is needed. Failed is not one: a retry reopens it and resumes the session.
    /// </summary>
    public static bool IsFinal(TaskState state) =>
        state is TaskState.Merged or TaskState.Cancelled;

    /// <summary>States in which an agent process may be alive for the task.</summary>
    public static bool IsActive(TaskState state) =>
        state is TaskState.Planning or TaskState.Running or TaskState.NeedsInput or TaskState.Verifying;

    /// <summary>The target of <paramref name="trigger"/> from <paramref name="from"/>, or null when refused.</summary>
    public static TaskState? Next(TaskState from, TaskTrigger trigger)
    {
        // Claiming a task whose plan is still to be approved starts in Planning, and an answer
        // goes back to planning; the table keeps the common arrow, and WorkingState picks.
        if (trigger == TaskTrigger.Cancel)
        {
            return from is TaskState.Merged or TaskState.Cancelled or TaskState.Merging
                ? null
                : TaskState.Cancelled;
        }
        return Transitions.TryGetValue((from, trigger), out var to) ? to : null;
    }

    /// <summary>Where a claim (or an answer) leads: Planning while a plan gate waits for its plan, Running otherwise.</summary>
    public static TaskState? WorkingTarget(TaskState from, TaskTrigger trigger, bool planPending) =>
        Next(from, trigger) is TaskState.Running ? WorkingState(planPending) : Next(from, trigger);

    /// <summary>The state an agent at work is in: Planning while the plan is still to be approved, Running after.</summary>
    public static TaskState WorkingState(bool planPending) => planPending ? TaskState.Planning : TaskState.Running;

    /// <summary>All (state, trigger) pairs that are allowed, for documentation and tests.</summary>
    public static IEnumerable<(TaskState From, TaskTrigger Trigger, TaskState To)> Allowed()
    {
        foreach (var from in Enum.GetValues<TaskState>())
        {
            foreach (var trigger in Enum.GetValues<TaskTrigger>())
            {
                if (Next(from, trigger) is { } to)
                {
                    yield return (from, trigger, to);
                }
            }
        }
    }
}
