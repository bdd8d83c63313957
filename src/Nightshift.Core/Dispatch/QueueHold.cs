namespace Nightshift.Core.Dispatch;

/// <summary>
/// One reason queued work is not starting. For a <see cref="QueueHoldKind.Paused"/> node, as it
/// last reported it with its heartbeat: <see cref="Reason"/> is why (<c>low disk, 199.0 MiB free of
/// the 2.0 GiB minimum</c>); for <see cref="QueueHoldKind.Slots"/>, the busy slots
/// (<c>waiting for a free slot (2 of 2 busy)</c>). <see cref="Remedy"/> says what a person can do.
/// </summary>
public sealed record QueueHold(string Node, string Reason, string Remedy)
{
    public QueueHoldKind Kind { get; init; } = QueueHoldKind.Paused;

    /// <summary>The hold as one line: <c>node a paused: low disk, …</c>, or <c>waiting for a free slot (2 of 2 busy)</c>.</summary>
    public string Message => Kind == QueueHoldKind.Paused ? $"node {Node} paused: {Reason}" : Reason;

    /// <summary>For an <see cref="QueueHoldKind.AgentLimit"/>, the agent whose tasks it holds.</summary>
    public string? Agent { get; init; }

    /// <summary>For an <see cref="QueueHoldKind.AgentLimit"/>, when the held tasks start again.</summary>
    public DateTimeOffset? Until { get; init; }
}
