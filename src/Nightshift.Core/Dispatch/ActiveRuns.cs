using System.Collections.Concurrent;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Dispatch;

/// <summary>The runs alive in this process: the heartbeat renews their leases, and a cancel reaches their agent at once.</summary>
public sealed class ActiveRuns
{
    private readonly ConcurrentDictionary<TaskId, RunLease> _runs = new();

    public int Count => _runs.Count;

    /// <summary>The leases held right now: runs started here whose end is not recorded yet.</summary>
    public IReadOnlyList<RunLease> Held => [.. _runs.Values.Where(l => !l.IsEnded)];

    public RunLease Start(RunRecord run, CancellationToken stopping)
    {
        var lease = new RunLease(run, stopping);
        _runs[run.TaskId] = lease;
        return lease;
    }

    public void End(RunLease lease) => _runs.TryRemove(KeyValuePair.Create(lease.TaskId, lease));

    /// <summary>True when this process runs <paramref name="run"/>; the reaper leaves such runs alone, the heartbeat renews them.</summary>
    public bool Holds(RunId run) => _runs.Values.Any(l => l.RunId == run);

    /// <summary>True while a run of <paramref name="task"/> started here has not finished (its agent may still be stopping).</summary>
    public bool HoldsTask(TaskId task) => _runs.ContainsKey(task);

    /// <summary>Stops the task's agent if it runs here; true when there was one.</summary>
    public bool Cancel(TaskId task)
    {
        if (_runs.TryGetValue(task, out var lease))
        {
            lease.Cancel();
            return true;
        }
        return false;
    }
}
