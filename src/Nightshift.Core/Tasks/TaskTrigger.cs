namespace Nightshift.Core.Tasks;

/// <summary>What moves a task from one state to another. Each trigger names one arrow of the flow.</summary>
public enum TaskTrigger
{
    /// <summary>A worker claimed the task and started a run.</summary>
    Claim,
    /// <summary>The agent finished its plan and waits for a human to approve it.</summary>
    PlanReady,
    /// <summary>A human approved the plan.</summary>
    ApprovePlan,
    /// <summary>A human rejected the plan; the agent plans again.</summary>
    RejectPlan,
    /// <summary>The agent asked a question.</summary>
    Ask,
    /// <summary>A human answered the question.</summary>
    Answer,
    /// <summary>The agent finished; acceptance checks start.</summary>
    AgentFinished,
    /// <summary>The checks passed; the task waits for review.</summary>
    ChecksPassed,
    /// <summary>A check failed and the agent gets another turn to fix it.</summary>
    ChecksFailed,
    /// <summary>A human requested changes.</summary>
    RequestChanges,
    /// <summary>A follow-up run is queued after changes were requested or a conflict was handed to an integration task.</summary>
    Requeue,
    /// <summary>A human approved the result.</summary>
    Approve,
    /// <summary>The merge queue took the task.</summary>
    StartMerge,
    /// <summary>The branch landed on its target.</summary>
    MergeSucceeded,
    /// <summary>The branch conflicts with its target (or local changes block the merge).</summary>
    MergeConflicted,
    /// <summary>A run failed, was interrupted, or its node died, and attempts remain; from Merging, a merge cut short is tried again.</summary>
    Retry,
    /// <summary>A run failed with no attempts left.</summary>
    Fail,
    /// <summary>A dependency failed or was cancelled.</summary>
    Block,
    /// <summary>A human cancelled the task.</summary>
    Cancel,
    /// <summary>A human retries a failed or blocked task from the start.</summary>
    Reopen,
    /// <summary>Git failed while merging (not a conflict): the task goes back to review, its work intact, to be approved again.</summary>
    MergeFailed,
}
