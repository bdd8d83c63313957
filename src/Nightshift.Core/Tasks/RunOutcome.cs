namespace Nightshift.Core.Tasks;

/// <summary>What came of a run for its task, kept on the run so no reader rebuilds it from the log.</summary>
public enum RunOutcome
{
    /// <summary>The checks passed; the work waits for review.</summary>
    ReadyForReview,

    /// <summary>A planning run ended with its plan, which waits for approval.</summary>
    PlanReady,

    /// <summary>The run failed or was cut short, and the task was queued again.</summary>
    Retried,

    /// <summary>The run failed with no attempts left; the task failed.</summary>
    Failed,

    /// <summary>The task was cancelled while the run went on.</summary>
    Cancelled,

    /// <summary>
    /// The agent's login met a usage limit: not the agent's failure and no retry spent; the task
    /// waits in the queue for the reset and then resumes the session.
    /// </summary>
    Limited,
}
