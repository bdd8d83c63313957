using Nightshift.Core.Projects;
using Nightshift.Core.Specs;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Storage;

/// <summary>A task as stored: its spec, resolved against the project's defaults, and its current state.</summary>
public sealed class TaskRecord
{
    public TaskId Id { get; set; }
    public ProjectId ProjectId { get; set; }
    public string? Name { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public required string SpecText { get; set; }
    public required string SpecFile { get; set; }
    public required string Agent { get; set; }
    public string? Model { get; set; }
    public string? Command { get; set; }
    public Priority Priority { get; set; }
    public required string BaseBranch { get; set; }
    public string? Branch { get; set; }
    public PlanMode Plan { get; set; }
    public int MaxRetries { get; set; }
    public TimeSpan? Timeout { get; set; }
    public List<string> Labels { get; set; } = [];
    public List<string> Checks { get; set; } = [];
    public TaskState State { get; set; }

    /// <summary>Why the task is in its state, when that needs saying (a failure, a block, a conflict).</summary>
    public string? StateReason { get; set; }

    /// <summary>Runs started so far; retries stop at MaxRetries + 1.</summary>
    public int Attempts { get; set; }

    /// <summary>A retry with backoff is not claimed before this instant.</summary>
    public DateTimeOffset? NotBefore { get; set; }
    public string? WorktreePath { get; set; }
    public string? HeadCommit { get; set; }
    public string? MergedCommit { get; set; }

    /// <summary>The sequence number of the task's latest event; events are numbered 1, 2, 3… per task.</summary>
    public long LastEventSeq { get; set; }
    /// <summary>The agent's latest progress through the bridge (0–100), for a board card.</summary>
    public int? ProgressPercent { get; set; }

    /// <summary>The line that came with <see cref="ProgressPercent"/>.</summary>
    public string? ProgressLine { get; set; }

    /// <summary>The agent's latest plan as JSON (<see cref="Plans.PlanStep"/> items), for a dashboard.</summary>
    public string? PlanJson { get; set; }

    /// <summary>The plan the agent showed for approval (its last message of the planning run), when the spec asks for a plan gate.</summary>
    public string? PlanText { get; set; }

    /// <summary>When a human approved the plan; until then every run of a plan-gated task plans and does not change code.</summary>
    public DateTimeOffset? PlanApprovedAt { get; set; }

    /// <summary>Whether the next run must plan first: the spec asks for a plan gate and no plan has been approved yet.</summary>
    public bool PlanPending => Plan == PlanMode.Required && PlanApprovedAt is null;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<TaskDependencyRecord> DependsOn { get; set; } = [];
}
