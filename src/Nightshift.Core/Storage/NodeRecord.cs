namespace Nightshift.Core.Storage;

/// <summary>
/// A worker node as it last reported itself. <see cref="LastHeartbeatAt"/> is the only evidence
/// that a node is alive: the leases of its runs are renewed in the same write.
/// </summary>
public sealed class NodeRecord
{
    /// <summary>The node's name (<c>--node</c>); unique among the nodes sharing a database.</summary>
    public required string Id { get; set; }

    /// <summary>The Nightshift build the node runs.</summary>
    public required string Version { get; set; }

    /// <summary>The operating-system process of the node's current incarnation.</summary>
    public int ProcessId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastHeartbeatAt { get; set; }

    /// <summary>Set when the node shut down cleanly; null while it runs or after a crash.</summary>
    public DateTimeOffset? StoppedAt { get; set; }

    /// <summary>The node takes no new work (it is shutting down); its runs finish or are handed back.</summary>
    public bool Draining { get; set; }

    /// <summary>
    /// How many runs the node takes at once (its <c>--concurrency</c>); 0 for a row written before
    /// nodes recorded it. With the node's Running runs, it tells whether queued work waits for a slot.
    /// </summary>
    public int Concurrency { get; set; }

    /// <summary>Why the node claims no new work right now (low disk space), or null when it does.</summary>
    public string? PausedReason { get; set; }
}
