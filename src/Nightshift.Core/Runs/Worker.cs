using Microsoft.Extensions.Logging;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Tasks;
namespace Nightshift.Core.Runs;

/// <summary>
/// Claims ready tasks and runs them, up to the concurrency limit, while <see cref="NodeHeartbeat"/>
/// keeps the node's leases alive and reaps those of dead nodes. Wakes at once when work appears in
/// this process; polls as a fallback (and for work enqueued through another node).
/// </summary>
public sealed partial class Worker(
    TaskClaims claims,
    RunExecutor executor,
    NodeHeartbeat heartbeat,
    EventSignal signal,
    WorkerOptions options,
    ILogger<Worker> logger)
{
    /// <summary>Why this node claims no new work right now (low disk space), or null. The API reads it.</summary>
    public string? PausedReason => claims.PausedReason;

    public async Task RunAsync(CancellationToken stopping)
    {
        options.Validate();
        await heartbeat.StartAsync(stopping);
        var running = new List<Task>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                // Taken before looking, so work that appears while we look still wakes us.
                var wake = signal.WaitForWorkAsync(stopping);
                try
                {
                    await claims.BlockDependentsOfFailedAsync(stopping);
                    while (running.Count < options.Concurrency && await claims.TryClaimAsync(stopping) is { } claim)
                    {
                        running.Add(executor.ExecuteAsync(claim, stopping));
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    // Stopping in the middle of a query: fall through to the drain below, so that
                    // the runs in progress still hand their tasks back before the node says it stopped.
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The loop must outlive one bad query (a locked database, a full disk): log and go on.
                    LogLoopError(ex);
                }
                var poll = Task.Delay(options.PollInterval, claims.Time, stopping);
                await Task.WhenAny([wake, poll, .. running]).ContinueWith(_ => { }, TaskScheduler.Default);
                running.RemoveAll(t => t.IsCompleted);
            }
            // Shutdown: each run saw the stop, checkpointed its work and handed its task back.
            await heartbeat.DrainAsync();
            await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        finally
        {
            await heartbeat.StopAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The worker loop hit an error; it goes on")]
    private partial void LogLoopError(Exception ex);
}
