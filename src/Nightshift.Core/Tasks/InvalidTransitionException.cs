namespace Nightshift.Core.Tasks;

/// <summary>A request to move a task along an arrow that does not exist from its current state.</summary>
public sealed class InvalidTransitionException(TaskId task, TaskState from, TaskTrigger trigger)
    : InvalidOperationException($"Task {task} is {from}; '{Describe(trigger)}' is not possible from there.")
{
    public TaskId Task { get; } = task;
    public TaskState From { get; } = from;
    public TaskTrigger Trigger { get; } = trigger;

    private static string Describe(TaskTrigger trigger) => trigger switch
    {
        TaskTrigger.Approve => "approve",
        TaskTrigger.RequestChanges => "request changes",
        TaskTrigger.Cancel => "cancel",
        TaskTrigger.Answer => "answer",
        TaskTrigger.Reopen => "retry",
        TaskTrigger.ApprovePlan => "approve the plan",
        TaskTrigger.RejectPlan => "send the plan back",
        _ => trigger.ToString(),
    };
}
