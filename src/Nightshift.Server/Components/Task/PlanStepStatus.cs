namespace Nightshift.Server.Components.TaskView;

public enum PlanStepStatus
{
    Pending,
    Active,
    Done,
}
