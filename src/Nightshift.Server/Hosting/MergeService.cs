using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Merging;
using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Hosting;

/// <summary>
/// On start, lands approvals a stopped server left behind (<see cref="MergeQueue.SweepAsync"/>);
/// then, whenever a task changes state, applies the projects' auto-merge policies.
/// </summary>
internal sealed partial class MergeService(MergeQueue queue, ReviewDesk desk, EventSignal signal, ILogger<MergeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await queue.SweepAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.WaitForWorkAsync(stoppingToken);
            try
            {
                await queue.ApplyPoliciesAsync(
                    async (task, reviewer, why, ct) =>
                    {
                        try
                        {
                            await desk.ApproveAsync(task, reviewer, why, ct);
                        }
                        catch (InvalidTransitionException)
                        {
                            // A human decided first; their decision stands.
                        }
                    },
                    stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bad project file must not stop the loop for every other project.
                LogPolicyError(ex);
            }
            await Task.WhenAny(wake, Task.Delay(TimeSpan.FromSeconds(30), stoppingToken)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying auto-merge policies failed; trying again at the next change")]
    private partial void LogPolicyError(Exception ex);
}
