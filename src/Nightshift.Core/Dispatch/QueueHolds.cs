namespace Nightshift.Core.Dispatch;

/// <summary>
/// Why queued work is not starting: the one reader behind what <c>ls</c>, <c>show</c>, <c>inbox</c>,
/// the API and the dashboard say about it. Each live node records its pause reason with its
/// heartbeat (<see cref="NodeRegistry.BeatAsync"/>); a stopped or silent node holds nothing back.
/// </summary>
public sealed class QueueHolds(NodeRegistry registry)
{
    public const string DiskRemedy = "free disk space there, or lower the minimum (nightshift up --min-free-disk, or NIGHTSHIFT_MIN_FREE_DISK)";

    public async Task<IReadOnlyList<QueueHold>> CurrentAsync(CancellationToken cancellationToken)
    {
        var nodes = await registry.ListAsync(cancellationToken);
        return [.. nodes
            .Where(n => n.PausedReason is not null && registry.IsAlive(n))
            .OrderBy(n => n.Id, StringComparer.Ordinal)
            .Select(n => new QueueHold(n.Id, n.PausedReason!, DiskRemedy))];
    }
}
