using Nightshift.Core.Runs;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Storage;

/// <summary>One agent session working on a task.</summary>
public sealed class RunRecord
{
    public RunId Id { get; set; }
    public TaskId TaskId { get; set; }

    /// <summary>1 for the first run of the task, 2 for the next…; with the run id, the fencing token.</summary>
    public int Attempt { get; set; }
    public required string Agent { get; set; }
    public RunState State { get; set; }
    public required string NodeId { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public string? SessionId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int? ExitCode { get; set; }
    public string? Error { get; set; }
    public string? BaseCommit { get; set; }
    public string? HeadCommit { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public decimal CostUsd { get; set; }
}
