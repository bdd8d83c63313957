using Microsoft.Extensions.Hosting;
using Nightshift.Core.Bridge;

using Nightshift.Core.Runs;
namespace Nightshift.Server.Hosting;

/// <summary>
/// Runs the worker loop inside the server process until shutdown. The loop starts once the server
/// listens, so that even the runs claimed first (tasks left queued while the server was down) get
/// their bridge.
/// </summary>
internal sealed class WorkerService(Worker worker, BridgeIssuer bridges) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await bridges.WaitUntilServedAsync(stoppingToken);
        await worker.RunAsync(stoppingToken);
    }
}
