using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Dispatch;

/// <summary>
/// A run this process holds. (run id, attempt, node) is the fencing token <see cref="RunFence"/>
/// checks on every write; <see cref="Token"/> stops the run's agent when a human cancels, the
/// node shuts down, or the lease is lost.
/// </summary>
public sealed class RunLease : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private int _lost;
    private int _ended;
    private int _discarded;

    public RunLease(RunRecord run, CancellationToken stopping)
    {
        RunId = run.Id;
        TaskId = run.TaskId;
        Attempt = run.Attempt;
        NodeId = run.NodeId;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    public RunId RunId { get; }

    public TaskId TaskId { get; }

    public int Attempt { get; }

    public string NodeId { get; }

    /// <summary>Cancelled when the run must stop, for whatever reason.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>
    /// True once this process learned that the run is no longer its own: the heartbeat could not
    /// renew it, or the fence refused a write. Nothing the run produces is recorded after that.
    /// </summary>
    public bool IsLost => Volatile.Read(ref _lost) == 1;

    /// <summary>True once the run's end was recorded: there is no lease left to renew or to lose.</summary>
    public bool IsEnded => Volatile.Read(ref _ended) == 1;

    /// <summary>Stops the run's agent (a human cancelled the task).</summary>
    public void Cancel() => TryCancel();

    /// <summary>Marks the lease lost and stops the run's agent.</summary>
    public void Lose()
    {
        if (Interlocked.Exchange(ref _lost, 1) == 0)
        {
            TryCancel();
        }
    }

    internal void MarkEnded() => Volatile.Write(ref _ended, 1);

    /// <summary>True the first time only: a lost run records its discard event once.</summary>
    internal bool TryMarkDiscarded() => Interlocked.Exchange(ref _discarded, 1) == 0;

    public void Dispose() => _cts.Dispose();

    private void TryCancel()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended between being looked up and being stopped: nothing is left to stop.
        }
    }
}
