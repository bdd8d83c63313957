namespace Nightshift.Core.Dispatch;

/// <summary>
/// One reason queued work is not starting on a node, as the node last reported it with its
/// heartbeat: <see cref="Reason"/> is why (<c>low disk, 199.0 MiB free of the 2.0 GiB minimum</c>),
/// <see cref="Remedy"/> what a person can do about it.
/// </summary>
public sealed record QueueHold(string Node, string Reason, string Remedy)
{
    /// <summary>The hold as one line: <c>node a paused: low disk, …</c>.</summary>
    public string Message => $"node {Node} paused: {Reason}";
}
