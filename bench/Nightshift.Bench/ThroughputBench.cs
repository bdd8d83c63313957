using Nightshift.Core.Dispatch;
using Nightshift.Core.Tasks;

namespace Nightshift.Bench;

/// <summary>Tasks enqueued at once and run end to end (worktree, `true`, checkpoint, review) at a concurrency.</summary>
internal static class ThroughputBench
{
    public static async Task<double> RunAsync(int tasks, int concurrency)
    {
        await using var engine = await BenchEngine.StartAsync(new WorkerOptions
        {
            NodeId = "bench-throughput",
            Concurrency = concurrency,
            MinFreeDiskBytes = 0,
        });
        engine.StartWorker();
        var started = TimeProvider.System.GetTimestamp();
        var added = await Task.WhenAll(Enumerable.Range(0, tasks).Select(engine.AddAsync));
        await Task.WhenAll(added.Select(t => engine.WaitForAsync(t.Id, TaskState.InReview, TimeSpan.FromMinutes(5))));
        return tasks / TimeProvider.System.GetElapsedTime(started).TotalSeconds;
    }
}
