namespace Nightshift.Core.Storage;

/// <summary>
/// A usage limit an agent's login met on a node: until <see cref="ResetAt"/> the node starts no
/// task of that agent, since each would only meet the same limit. One row per (node, agent), moved
/// on when the limit is met again; a row whose reset has passed holds nothing.
/// </summary>
public sealed class AgentLimitRecord
{
    public required string NodeId { get; set; }

    public required string Agent { get; set; }

    /// <summary>When the limit resets: the service's time, or the fixed back-off when it gave none.</summary>
    public DateTimeOffset ResetAt { get; set; }

    /// <summary>Whether <see cref="ResetAt"/> is the service's own time, not a guess.</summary>
    public bool ResetKnown { get; set; }

    /// <summary>The agent's own words about the limit.</summary>
    public required string Message { get; set; }

    public DateTimeOffset ReachedAt { get; set; }
}
