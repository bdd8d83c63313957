namespace Nightshift.Core.Agents;

/// <summary>What a runtime can do beyond running a prompt to the end.</summary>
/// <param name="SteerMidTurn">Feedback reaches the session while it works, not only at the next turn.</param>
/// <param name="Resume">A follow-up run can continue the same session.</param>
/// <param name="PlanMode">The runtime can stop after a plan and wait for approval.</param>
/// <param name="ReportsUsage">Token counts and cost are reported.</param>
/// <param name="TakesFeedbackBetweenTurns">
/// Feedback that comes while the session works makes its next turn in the same run; false for a
/// runtime with no turns (a command), whose feedback waits for the task's next run.
/// </param>
public sealed record AgentCapabilities(bool SteerMidTurn, bool Resume, bool PlanMode, bool ReportsUsage, bool TakesFeedbackBetweenTurns = true);
