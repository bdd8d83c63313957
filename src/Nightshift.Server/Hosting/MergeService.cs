using Microsoft.Extensions.Hosting;
using Nightshift.Core.Merging;

namespace Nightshift.Server.Hosting;

/// <summary>On start, lands approvals a stopped server left behind (see <see cref="MergeQueue.SweepAsync"/>).</summary>
internal sealed class MergeService(MergeQueue queue) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => queue.SweepAsync(stoppingToken);
}
