namespace Nightshift.Core.Reviews;

/// <summary>What a human decided about a task's result.</summary>
public enum ReviewDecision
{
    Approved,
    ChangesRequested,
}
