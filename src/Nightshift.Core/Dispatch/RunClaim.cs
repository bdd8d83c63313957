using Nightshift.Core.Storage;

namespace Nightshift.Core.Dispatch;

/// <summary>A task this worker claimed, with the run it started for it.</summary>
public sealed record RunClaim(TaskRecord Task, RunRecord Run);
