namespace Nightshift.Core.Dispatch;

/// <summary>How a worker claims and runs tasks.</summary>
public sealed record WorkerOptions
{
    /// <summary>This node's name; runs record it, and restart recovery only touches its own runs.</summary>
    public string NodeId { get; init; } = Environment.MachineName;

    /// <summary>How many tasks run at once on this node.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>How often the worker looks for work when nothing woke it; enqueue wakes it at once.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The first retry waits this long; each further retry waits twice as long.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long each acceptance check may run.</summary>
    public TimeSpan CheckTimeLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an agent gets between TERM and KILL when stopped.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan BackoffFor(int failures)
    {
        var factor = Math.Pow(2, Math.Max(0, failures - 1));
        var ticks = Math.Min(RetryBackoff.Ticks * factor, MaxRetryBackoff.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
