namespace Nightshift.Core.Dispatch;

/// <summary>What holds queued work back: a node that paused itself, every slot busy, or an agent's usage limit.</summary>
public enum QueueHoldKind
{
    /// <summary>A node claims nothing (low disk space) until a person frees it.</summary>
    Paused,

    /// <summary>A ready task waits for a run to end, under the nodes' or its project's concurrency limit.</summary>
    Slots,

    /// <summary>An agent's login met a usage limit on a node: that agent's tasks wait there until the reset, and resume by themselves.</summary>
    AgentLimit,
}
