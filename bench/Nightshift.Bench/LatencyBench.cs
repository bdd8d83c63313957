using Nightshift.Core.Dispatch;
using Nightshift.Core.Tasks;

namespace Nightshift.Bench;

/// <summary>
/// Enqueue-to-agent-start on an idle worker: one task at a time, so each one measures the wake-up
/// path (enqueue signal → claim → worktree → agent), not queueing behind other tasks. A spawn of
/// `true` and a durable SQLite transaction are measured right before each enqueue, as baselines.
/// </summary>
internal static class LatencyBench
{
    private const int Warmup = 3;

    public sealed record Result(Samples Total, Samples Enqueue, Samples Spawn, Samples Sqlite);

    public static async Task<Result> RunAsync(int count)
    {
        // A long poll interval: only the wake-on-enqueue path can make the start fast.
        await using var engine = await BenchEngine.StartAsync(new WorkerOptions
        {
            NodeId = "bench-latency",
            Concurrency = 1,
            PollInterval = TimeSpan.FromSeconds(30),
            MinFreeDiskBytes = 0,
        });
        await using var sqlite = await SqliteProbe.OpenAsync(engine.Root);
        var spawn = new SpawnProbe(engine.Root);
        engine.StartWorker();
        var total = new Samples("enqueue → agent start");
        var enqueue = new Samples("enqueue (spec parsed, task stored)");
        for (var i = 0; i < count + Warmup; i++)
        {
            await spawn.MeasureAsync();
            await sqlite.MeasureAsync();
            var before = TimeProvider.System.GetTimestamp();
            var task = await engine.AddAsync(i);
            var stored = TimeProvider.System.GetTimestamp();
            var started = await engine.Agent.StartedAsync(task.Id.Value).WaitAsync(TimeSpan.FromMinutes(1));
            await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromMinutes(1));
            if (i >= Warmup)
            {
                total.Add(TimeProvider.System.GetElapsedTime(before, started));
                enqueue.Add(TimeProvider.System.GetElapsedTime(before, stored));
            }
        }
        return new Result(total, enqueue, spawn.Samples, sqlite.Samples);
    }
}
