namespace Nightshift.Core.Tasks;

/// <summary>Where a task is in its flow (ARCHITECTURE.md, "The flow of one task").</summary>
public enum TaskState
{
    Queued,
    Planning,
    AwaitingPlanApproval,
    Running,
    NeedsInput,
    Verifying,
    InReview,
    ChangesRequested,
    Approved,
    Merging,
    Merged,
    Conflict,
    Failed,
    Blocked,
    Cancelled,
}
