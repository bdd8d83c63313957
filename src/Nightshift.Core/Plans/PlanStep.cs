namespace Nightshift.Core.Plans;

/// <summary>One step of the plan an agent keeps on its task, and whether it is done.</summary>
public sealed record PlanStep(string Step, bool Done);
