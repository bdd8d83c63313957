using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Bench;

/// <summary>
/// The claim path alone (no agent): queued tasks claimed by one node, then by several nodes racing
/// on one store, each claim a concurrency-token transition that starts a leased run.
/// </summary>
internal static class ClaimBench
{
    public sealed record Result(Samples PerClaim, Samples Sqlite, double OneNodePerSecond, int Nodes, double ManyNodesPerSecond);

    public static async Task<Result> RunAsync(int tasks, int nodes)
    {
        var perClaim = new Samples("claim (one node)");
        Samples sqlite;
        double one;
        await using (var engine = await FilledAsync(tasks))
        {
            // Per-claim latency, each claim right after one raw durable transaction (the baseline).
            await using var probe = await SqliteProbe.OpenAsync(engine.Root);
            var claims = ClaimsFor(engine, "bench-claim-1");
            for (var i = 0; i < tasks / 2; i++)
            {
                await probe.MeasureAsync();
                var before = TimeProvider.System.GetTimestamp();
                Check(await claims.TryClaimAsync(CancellationToken.None) is not null, "a queued task was not claimed");
                perClaim.Add(TimeProvider.System.GetElapsedTime(before));
            }
            sqlite = probe.Samples;
            // Rate: the other half claimed back to back.
            var started = TimeProvider.System.GetTimestamp();
            var claimed = await DrainAsync(claims);
            one = claimed / TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            Check(claimed == tasks - (tasks / 2), $"one node claimed {claimed} of the last {tasks - (tasks / 2)} tasks");
        }
        double many;
        await using (var engine = await FilledAsync(tasks))
        {
            var racers = Enumerable.Range(1, nodes).Select(n => ClaimsFor(engine, $"bench-claim-{n}")).ToList();
            var started = TimeProvider.System.GetTimestamp();
            var counts = await Task.WhenAll(racers.Select(c => Task.Run(() => DrainAsync(c))));
            many = counts.Sum() / TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            await using var db = await engine.Get<IDbContextFactory<NightshiftDb>>().CreateDbContextAsync();
            var runs = await db.Runs.CountAsync();
            var distinct = await db.Runs.Select(r => r.TaskId).Distinct().CountAsync();
            Check(counts.Sum() == tasks && runs == tasks && distinct == tasks, $"{nodes} nodes claimed {counts.Sum()} runs for {distinct} distinct tasks of {tasks}");
        }
        return new Result(perClaim, sqlite, one, nodes, many);
    }

    private static async Task<BenchEngine> FilledAsync(int tasks)
    {
        var engine = await BenchEngine.StartAsync(new WorkerOptions { NodeId = "bench-claims", MinFreeDiskBytes = 0 });
        for (var i = 0; i < tasks; i++)
        {
            await engine.AddAsync(i);
        }
        return engine;
    }

    private static TaskClaims ClaimsFor(BenchEngine engine, string node)
    {
        var options = engine.Options with { NodeId = node };
        return new TaskClaims(
            engine.Get<IDbContextFactory<NightshiftDb>>(), engine.Get<TaskBoard>(), new DiskGuard(engine.Home, options, NullLogger<DiskGuard>.Instance),
            engine.Get<Nightshift.Core.Projects.ProjectRegistry>(), options);
    }

    private static async Task<int> DrainAsync(TaskClaims claims)
    {
        var claimed = 0;
        while (await claims.TryClaimAsync(CancellationToken.None) is not null)
        {
            claimed++;
        }
        return claimed;
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"Claim benchmark is wrong: {what}.");
        }
    }
}
