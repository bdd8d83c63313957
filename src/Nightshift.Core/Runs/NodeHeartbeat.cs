using Microsoft.Extensions.Logging;

using Nightshift.Core.Dispatch;
using Nightshift.Core.Tasks;
namespace Nightshift.Core.Runs;

/// <summary>
/// This node's pulse. On start it registers the node, reaps what its previous process left and
/// starts a sweep of finished tasks' agent state. Then, every <see cref="WorkerOptions.HeartbeatInterval"/>:
/// it reports the node alive (with its pause reason), renews the leases of the runs it holds and
/// stops any it lost, and runs the reaper; every <see cref="WorkerOptions.StateSweepInterval"/> it
/// starts another sweep. The beat goes on while runs finish during a shutdown, and the node is
/// marked stopped at the end.
/// </summary>
public sealed partial class NodeHeartbeat(
    NodeRegistry registry,
    Reaper reaper,
    AgentStateSweep sweep,
    DiskGuard disk,
    ActiveRuns active,
    WorkerOptions options,
    ILogger<NodeHeartbeat> logger)
    : IDisposable
{
    private readonly Lock _sweepGate = new();
    private readonly CancellationTokenSource _sweepStop = new();
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private volatile bool _draining;
    private Task _sweeping = Task.CompletedTask;
    private DateTimeOffset _nextSweep;

    /// <summary>The agent state sweep in progress, or a completed task when none is.</summary>
    internal Task Sweeping
    {
        get
        {
            lock (_sweepGate)
            {
                return _sweeping;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var previous = await registry.RegisterAsync(disk.Check(), cancellationToken);
        if (previous is { StoppedAt: null } && previous.ProcessId != Environment.ProcessId && registry.IsAlive(previous))
        {
            LogSameName(options.NodeId, previous.ProcessId);
        }
        await reaper.ReapLeftoversAsync(cancellationToken);
        // After the leftovers are reaped: a run this node's previous process left Running no
        // longer keeps its task's folder.
        StartSweepIfDue();
        _stop = new CancellationTokenSource();
        _loop = LoopAsync(_stop.Token);
    }

    /// <summary>One beat: alive, leases renewed (lost runs stopped), expired runs of other nodes reaped, agent state swept when due.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var held = active.Held;
        IReadOnlyList<RunId> lost;
        try
        {
            lost = await registry.BeatAsync([.. held.Select(l => l.RunId)], disk.Check(), _draining, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A full disk is kept as the reason, for the runs whose leases expire meanwhile.
            disk.NoteStoreFailure(ex, registry.Time.GetUtcNow());
            throw;
        }
        foreach (var lease in held.Where(l => lost.Contains(l.RunId)))
        {
            // The run was handed to another node while this one was silent: stop the agent; the
            // executor records only that the stale result was discarded.
            LogLost(lease.TaskId.Value, lease.Attempt);
            lease.Lose();
        }
        disk.NoteStoreWritten();
        await reaper.ReapExpiredAsync(disk.LastStoreFull, cancellationToken);
        StartSweepIfDue();
    }

    /// <summary>The node takes no more work; it keeps beating while its runs finish.</summary>
    public async Task DrainAsync()
    {
        _draining = true;
        await BeatSafelyAsync(CancellationToken.None);
    }

    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }
        await _stop.CancelAsync();
        await _loop!;
        _stop.Dispose();
        _stop = null;
        // A sweep stops between two folders; one it did not reach waits for the next start.
        await _sweepStop.CancelAsync();
        await Sweeping;
        try
        {
            await registry.MarkStoppedAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A node that could not say it stopped is seen as dead once its heartbeat is a lease old.
            LogBeatFailed(ex);
        }
    }

    public void Dispose()
    {
        _stop?.Dispose();
        _sweepStop.Dispose();
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.HeartbeatInterval, registry.Time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await BeatSafelyAsync(stop);
        }
    }

    private void StartSweepIfDue()
    {
        lock (_sweepGate)
        {
            var now = registry.Time.GetUtcNow();
            if (!_sweeping.IsCompleted || now < _nextSweep || _sweepStop.IsCancellationRequested)
            {
                return;
            }
            _nextSweep = now + options.StateSweepInterval;
            // Off the beat: removing gigabytes can take longer than a lease, and the beat must
            // renew this node's leases on time whatever the sweep is doing.
            _sweeping = Task.Run(() => SweepSafelyAsync(_sweepStop.Token), CancellationToken.None);
        }
    }

    private async Task SweepSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sweep.SweepAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Disk left to free is no reason to stop the node: the next sweep tries again.
            LogSweepFailed(ex);
        }
    }

    private async Task BeatSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await BeatAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A missed beat is not fatal: the lease outlives several beats. The loop goes on. A full
            // disk was logged, with its reason, when it was noted.
            if (disk.StoreFull is null)
            {
                LogBeatFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} run {Attempt} lost its lease to another node; its agent is stopped and its result discarded")]
    private partial void LogLost(long taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping finished tasks' agent state failed; the node tries again in one sweep interval")]
    private partial void LogSweepFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "A heartbeat failed; the node tries again at the next beat")]
    private partial void LogBeatFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} was heard from recently by process {ProcessId}; if that process still runs, give each node its own name (--node)")]
    private partial void LogSameName(string nodeId, int processId);
}
