using System.Collections.Concurrent;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Dispatch;

/// <summary>The runs alive in this process, so a cancel reaches the agent at once.</summary>
public sealed class ActiveRuns
{
    private readonly ConcurrentDictionary<TaskId, CancellationTokenSource> _runs = new();

    public int Count => _runs.Count;

    public CancellationTokenSource Start(TaskId task, CancellationToken stopping)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _runs[task] = cts;
        return cts;
    }

    public void End(TaskId task) => _runs.TryRemove(task, out _);

    /// <summary>Stops the task's agent if it runs here; true when there was one.</summary>
    public bool Cancel(TaskId task)
    {
        if (_runs.TryGetValue(task, out var cts))
        {
            cts.Cancel();
            return true;
        }
        return false;
    }
}
