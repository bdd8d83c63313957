namespace Nightshift.Core.Specs;

/// <summary>How soon a task should be picked; higher runs first.</summary>
public enum Priority
{
    Low = 0,
    Normal = 1,
    High = 2,
    Urgent = 3,
}
