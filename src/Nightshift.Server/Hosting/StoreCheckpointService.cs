using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Storage;

namespace Nightshift.Server.Hosting;

/// <summary>
/// Checkpoints the store every <see cref="ServerOptions.StoreCheckpointInterval"/>, so that what the
/// database file holds is never more than one interval behind: a deleted <c>-wal</c> after a crash
/// then loses minutes, not the whole session. The last checkpoint is made at a clean stop.
/// </summary>
internal sealed partial class StoreCheckpointService(StoreCheckpoint checkpoint, ServerOptions options, TimeProvider time, ILogger<StoreCheckpointService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.StoreCheckpointInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckpointAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckpointAsync(CancellationToken stoppingToken)
    {
        try
        {
            await checkpoint.RunAsync(truncate: false, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A missed checkpoint loses nothing yet (the log still has it); the next one tries again.
            LogFailed(StoreErrors.Explain(ex, options.Home.DatabasePath)?.Message ?? ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpointing the database failed: {Reason}; trying again at the next interval")]
    private partial void LogFailed(string reason);
}
