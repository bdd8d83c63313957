using Nightshift.Core.Processes;
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

    /// <summary>The agent's own summary of its work, when it finished and gave one.</summary>
    public string? Summary { get; set; }

    /// <summary>What came of the run for its task; null while it runs.</summary>
    public RunOutcome? Outcome { get; set; }
    public string? BaseCommit { get; set; }
    public string? HeadCommit { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public decimal CostUsd { get; set; }

    /// <summary>
    /// The run found earlier work on the branch and left the branch where it found it: a follow-up
    /// (after a request for changes, a failure) that changed nothing. Set at each checkpoint, so
    /// the last one, at the run's end, decides.
    /// </summary>
    public bool ChangedNothing { get; set; }

    /// <summary>
    /// The agent's process group (its leader's pid: agents start through setsid), recorded when the
    /// agent process starts, with <see cref="AgentBootId"/> and <see cref="AgentStartTime"/> that
    /// name that exact process; a node that reaps the run stops the group if its node left it running.
    /// Null until an agent process started, and off Linux.
    /// </summary>
    public int? AgentProcessGroup { get; set; }

    /// <summary>The boot id of the machine the agent process runs on.</summary>
    public string? AgentBootId { get; set; }

    /// <summary>The agent process's start time, in clock ticks after boot (/proc/&lt;pid&gt;/stat field 22).</summary>
    public long? AgentStartTime { get; set; }

    /// <summary>
    /// The first port of the block the run holds while it is Running (see <c>Dispatch.PortBlocks</c>);
    /// null for a run that got none. No two Running runs hold the same block: a unique index says so.
    /// </summary>
    public int? PortBase { get; set; }

    /// <summary>The recorded agent process, when there is one.</summary>
    public ProcessIdentity? AgentProcess =>
        AgentProcessGroup is { } pid && AgentBootId is { } boot && AgentStartTime is { } started ? new ProcessIdentity(pid, boot, started) : null;
}
