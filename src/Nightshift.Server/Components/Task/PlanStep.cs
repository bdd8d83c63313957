namespace Nightshift.Server.Components.TaskView;

/// <summary>One step of the agent's plan and how far it got.</summary>
public sealed record PlanStep(string Text, PlanStepStatus Status);
