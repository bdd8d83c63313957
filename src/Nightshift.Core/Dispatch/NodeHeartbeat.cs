using Microsoft.Extensions.Logging;

namespace Nightshift.Core.Dispatch;

/// <summary>
/// This node's pulse. On start it registers the node and reaps what its previous process left.
/// Then, every <see cref="WorkerOptions.HeartbeatInterval"/>: it reports the node alive (with its
/// pause reason), renews the leases of the runs it holds and stops any it lost, and runs the reaper.
/// The beat goes on while runs finish during a shutdown, and the node is marked stopped at the end.
/// </summary>
public sealed partial class NodeHeartbeat(NodeRegistry registry, Reaper reaper, DiskGuard disk, ActiveRuns active, WorkerOptions options, ILogger<NodeHeartbeat> logger)
    : IDisposable
{
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private volatile bool _draining;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var previous = await registry.RegisterAsync(disk.Check(), cancellationToken);
        if (previous is { StoppedAt: null } && previous.ProcessId != Environment.ProcessId && registry.IsAlive(previous))
        {
            LogSameName(options.NodeId, previous.ProcessId);
        }
        await reaper.ReapLeftoversAsync(cancellationToken);
        _stop = new CancellationTokenSource();
        _loop = LoopAsync(_stop.Token);
    }

    /// <summary>One beat: alive, leases renewed (lost runs stopped), expired runs of other nodes reaped.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var held = active.Held;
        var lost = await registry.BeatAsync([.. held.Select(l => l.RunId)], disk.Check(), _draining, cancellationToken);
        foreach (var lease in held.Where(l => lost.Contains(l.RunId)))
        {
            // The run was handed to another node while this one was silent: stop the agent; the
            // executor records only that the stale result was discarded.
            LogLost(lease.TaskId.Value, lease.Attempt);
            lease.Lose();
        }
        await reaper.ReapExpiredAsync(cancellationToken);
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

    public void Dispose() => _stop?.Dispose();

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
            // A missed beat is not fatal: the lease outlives several beats. The loop goes on.
            LogBeatFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} run {Attempt} lost its lease to another node; its agent is stopped and its result discarded")]
    private partial void LogLost(long taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "A heartbeat failed; the node tries again at the next beat")]
    private partial void LogBeatFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} was heard from recently by process {ProcessId}; if that process still runs, give each node its own name (--node)")]
    private partial void LogSameName(string nodeId, int processId);
}
