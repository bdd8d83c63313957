namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>What one tool call gave back to the model; an error is the model's to fix, not the run's end.</summary>
internal sealed record ToolOutcome(string Text, bool IsError);
