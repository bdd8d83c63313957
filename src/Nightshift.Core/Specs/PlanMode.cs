namespace Nightshift.Core.Specs;

/// <summary>Whether the agent must show its plan and wait for approval before changing code.</summary>
public enum PlanMode
{
    Off = 0,
    Required = 1,
}
