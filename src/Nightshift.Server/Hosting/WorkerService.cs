using Microsoft.Extensions.Hosting;
using Nightshift.Core.Dispatch;

namespace Nightshift.Server.Hosting;

/// <summary>Runs the worker loop inside the server process until shutdown.</summary>
internal sealed class WorkerService(Worker worker) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => worker.RunAsync(stoppingToken);
}
