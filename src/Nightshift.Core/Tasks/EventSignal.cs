using System.Collections.Concurrent;

namespace Nightshift.Core.Tasks;

/// <summary>
/// Wakes readers of the event log in this process when a task changes, so followers and the
/// dispatcher react at once instead of polling. The store stays the truth: a waiter that wakes
/// reads what is new from the database.
/// </summary>
public sealed class EventSignal
{
    private readonly ConcurrentDictionary<TaskId, TaskCompletionSource> _perTask = new();
    private TaskCompletionSource _any = NewSource();
    private TaskCompletionSource _work = NewSource();

    /// <summary>Completes when <paramref name="task"/> changes next.</summary>
    public Task WaitForTaskAsync(TaskId task, CancellationToken cancellationToken) =>
        _perTask.GetOrAdd(task, _ => NewSource()).Task.WaitAsync(cancellationToken);

    /// <summary>Completes when any task changes next.</summary>
    public Task WaitForAnyAsync(CancellationToken cancellationToken) => Volatile.Read(ref _any).Task.WaitAsync(cancellationToken);

    /// <summary>Completes when a task changes state or is created: work may have become claimable.</summary>
    public Task WaitForWorkAsync(CancellationToken cancellationToken) => Volatile.Read(ref _work).Task.WaitAsync(cancellationToken);

    public void Notify(TaskId task, bool stateChanged)
    {
        if (stateChanged)
        {
            Interlocked.Exchange(ref _work, NewSource()).TrySetResult();
        }
        if (_perTask.TryRemove(task, out var source))
        {
            source.TrySetResult();
        }
        Interlocked.Exchange(ref _any, NewSource()).TrySetResult();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
