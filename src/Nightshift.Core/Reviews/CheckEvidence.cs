using Nightshift.Core.Checks;

namespace Nightshift.Core.Reviews;

/// <summary>One acceptance check as the reviewer sees it: its result, when, and whether it ran on the commit under review.</summary>
public sealed record CheckEvidence(CheckResult Result, DateTimeOffset At, bool OnReviewedCommit, bool IsMergeGate, int? RunAttempt);
