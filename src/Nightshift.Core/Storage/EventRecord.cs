using Nightshift.Core.Tasks;

namespace Nightshift.Core.Storage;

/// <summary>
/// One append-only entry of a task's history. <see cref="Seq"/> is 1, 2, 3… per task with no gaps,
/// so a reader that saw seq N asks for what comes after N and misses nothing.
/// </summary>
public sealed class EventRecord
{
    public long Id { get; set; }
    public TaskId TaskId { get; set; }
    public long Seq { get; set; }
    public RunId? RunId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public required string Message { get; set; }

    /// <summary>Structured details as JSON, when the kind has any.</summary>
    public string? Data { get; set; }

    /// <summary>For a state change: the state the task left.</summary>
    public TaskState? FromState { get; set; }

    /// <summary>For a state change: the state the task entered.</summary>
    public TaskState? ToState { get; set; }

    /// <summary>For a state change: the arrow it took; null for changes recorded before triggers were kept.</summary>
    public TaskTrigger? Trigger { get; set; }

    /// <summary>For a state change: why, as the task's state reason says it.</summary>
    public string? Reason { get; set; }
}
