using Nightshift.Core.Processes;
using Nightshift.Core.Runs;
namespace Nightshift.Core.Dispatch;

/// <summary>How a worker claims and runs tasks.</summary>
public sealed record WorkerOptions
{
    public const long DefaultMinFreeDiskBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>The setting for <see cref="MinFreeDiskBytes"/> in the environment (<c>500MiB</c>, <c>2GiB</c>…); <c>--min-free-disk</c> wins over it.</summary>
    public const string MinFreeDiskVariable = "NIGHTSHIFT_MIN_FREE_DISK";

    /// <summary>The setting for <see cref="Concurrency"/> in the environment; <c>--concurrency</c> wins over it.</summary>
    public const string ConcurrencyVariable = "NIGHTSHIFT_CONCURRENCY";

    /// <summary>The most runs a node takes at once unless told otherwise (<see cref="DefaultConcurrency"/>).</summary>
    public const int MaxDefaultConcurrency = 4;

    /// <summary>The memory a node sets aside for each run when it picks its own concurrency.</summary>
    public const long MemoryPerRunBytes = 2L * 1024 * 1024 * 1024;

    private readonly TimeSpan? _leaseDuration;

    /// <summary>
    /// This node's name; runs record it as the holder of their lease. Unique among the nodes that
    /// share a database: on start a node reaps every run still recorded under its name.
    /// </summary>
    public string NodeId { get; init; } = Environment.MachineName;

    /// <summary>How many tasks run at once on this node.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>How often the worker looks for work when nothing woke it; enqueue wakes it at once.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the node reports itself alive, renews its runs' leases and runs the reaper.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a run's lease lasts after its last renewal; five heartbeats unless set.</summary>
    public TimeSpan LeaseDuration
    {
        get => _leaseDuration ?? HeartbeatInterval * 5;
        init => _leaseDuration = value;
    }

    /// <summary>
    /// How often the node removes the agent state folders of Merged and Cancelled tasks
    /// (<see cref="AgentStateSweep"/>); it also does on start.
    /// </summary>
    public TimeSpan StateSweepInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Below this much free space under the worktrees folder, the node claims no new work.</summary>
    public long MinFreeDiskBytes { get; init; } = DefaultMinFreeDiskBytes;

    /// <summary>The first retry waits this long; each further retry waits twice as long.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an agent's tasks wait after its login met a usage limit whose reset the service did
    /// not give: long enough that a spent quota is not asked again and again, short enough that a
    /// short one costs little.
    /// </summary>
    public TimeSpan LimitBackoff { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The least time between two checkpoint commits at an agent's turn boundaries; a crash loses at most the work since.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a run whose checks fail goes back to its agent with the failure before it counts as failed.</summary>
    public int FixupTurns { get; init; } = 2;

    /// <summary>How long each acceptance check may run.</summary>
    public TimeSpan CheckTimeLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How much of an agent's printed output each run shows as events; the rest is kept in a file.</summary>
    public OutputLimits Output { get; init; } = new();

    /// <summary>The ports this node hands out to its runs, a block each (<see cref="PortBlocks"/>).</summary>
    public PortBlocks Ports { get; init; } = PortBlocks.Default;

    /// <summary>How long an agent gets between TERM and KILL when stopped.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many runs a node takes at once when nobody said: one per <see cref="MemoryPerRunBytes"/>
    /// of <paramref name="memoryBytes"/>, at least one and at most <see cref="MaxDefaultConcurrency"/>.
    /// An agent spends most of its run waiting on its model, so cores are not what runs out: memory
    /// is, with an agent's CLI (a few hundred MiB) and the builds and tests its checks start (a GiB
    /// or more at their peak) side by side. The cap keeps a large machine from starting more work
    /// at once than a person reviews, or a model provider's rate limit lets through.
    /// </summary>
    public static int DefaultConcurrency(long memoryBytes) =>
        (int)Math.Clamp(memoryBytes / MemoryPerRunBytes, 1, MaxDefaultConcurrency);

    public TimeSpan BackoffFor(int failures)
    {
        var factor = Math.Pow(2, Math.Max(0, failures - 1));
        var ticks = Math.Min(RetryBackoff.Ticks * factor, MaxRetryBackoff.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Refuses settings a node cannot run safely with, naming the setting and what to do.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(NodeId))
        {
            throw new ArgumentException("WorkerOptions.NodeId is empty; give the node a name (--node).");
        }
        if (Concurrency < 1)
        {
            throw new ArgumentException($"WorkerOptions.Concurrency is {Concurrency}; run at least one task at a time.");
        }
        if (HeartbeatInterval <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero || StateSweepInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("WorkerOptions.HeartbeatInterval, PollInterval and StateSweepInterval must be longer than zero.");
        }
        // A lease that fits fewer than two heartbeats expires on a healthy node after one slow write.
        if (LeaseDuration < HeartbeatInterval * 2)
        {
            throw new ArgumentException(
                $"WorkerOptions.LeaseDuration ({LeaseDuration}) is shorter than two heartbeats ({HeartbeatInterval} each); make it at least {HeartbeatInterval * 2}.");
        }
        if (Ports.Problem() is { } ports)
        {
            throw new ArgumentException($"WorkerOptions.Ports: {ports} (--ports, or ${PortBlocks.RangeVariable}).");
        }
        if (MinFreeDiskBytes < 0)
        {
            throw new ArgumentException("WorkerOptions.MinFreeDiskBytes is negative; use 0 to turn the disk guard off.");
        }
    }
}
