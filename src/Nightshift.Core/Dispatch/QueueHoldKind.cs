namespace Nightshift.Core.Dispatch;

/// <summary>What holds queued work back: a node that paused itself, or every slot busy.</summary>
public enum QueueHoldKind
{
    /// <summary>A node claims nothing (low disk space) until a person frees it.</summary>
    Paused,

    /// <summary>A ready task waits for a run to end, under the nodes' or its project's concurrency limit.</summary>
    Slots,
}
