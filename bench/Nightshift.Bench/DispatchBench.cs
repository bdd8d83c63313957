namespace Nightshift.Bench;

/// <summary>Runs every measurement in order and puts them in one report.</summary>
internal static class DispatchBench
{
    private const int BaselineSamples = 200;
    private const int ClaimingNodes = 4;

    public static async Task<Report> RunAsync(BenchOptions options, TextWriter progress)
    {
        var report = new Report(TimeProvider.System.GetUtcNow());
        var scratch = Directory.CreateTempSubdirectory("nightshift-bench-baseline-");
        try
        {
            progress.WriteLine("baselines…");
            var sqlite = await Baselines.SqliteTransactionAsync(scratch.FullName, BaselineSamples);
            var spawn = await Baselines.SpawnTrueAsync(scratch.FullName, BaselineSamples / 4);
            report.Baseline($"SQLite durable transaction, median (n={sqlite.Count})", sqlite.Median);
            report.Baseline($"spawn `true` via ProcessRunner, median (n={spawn.Count})", spawn.Median);

            progress.WriteLine($"enqueue → agent start, {options.Samples} samples…");
            var (latency, enqueue) = await LatencyBench.RunAsync(options.Samples);
            report.Against($"enqueue → agent start, median (n={latency.Count})", latency.Median, "spawn `true`", spawn.Median);
            report.Against($"enqueue → agent start, p99 (n={latency.Count})", latency.P99, "spawn `true`", spawn.Median);
            report.Against("of which enqueue itself, median", enqueue.Median, "SQLite transaction", sqlite.Median);

            progress.WriteLine($"claims, {options.ClaimTasks} tasks…");
            var claims = await ClaimBench.RunAsync(options.ClaimTasks, ClaimingNodes);
            report.Against($"claim (one node), median (n={claims.PerClaim.Count})", claims.PerClaim.Median, "SQLite transaction", sqlite.Median);
            report.Against("claim (one node), p99", claims.PerClaim.P99, "SQLite transaction", sqlite.Median);
            report.Rate("claims per second, one node", claims.OneNodePerSecond, "SQLite transaction", sqlite.Median);
            report.Rate($"claims per second, {claims.Nodes} nodes racing on one store", claims.ManyNodesPerSecond, "SQLite transaction", sqlite.Median);

            progress.WriteLine($"end to end, {options.ThroughputTasks} tasks at concurrency {options.Concurrency}…");
            var throughput = await ThroughputBench.RunAsync(options.ThroughputTasks, options.Concurrency);
            report.Rate($"tasks to review per second, `true` agent, concurrency {options.Concurrency}", throughput, "spawn `true`", spawn.Median);

            report.Note("Enqueue → agent start is measured one task at a time on an idle worker whose poll interval is 30 s, so only the wake-on-enqueue path can start it quickly. It includes the claim, creating the task's git worktree and branch (git worktree add, read-tree, checkout-index), writing the spec and prompt, and the fenced run-start records.");
            report.Note("A claim is the concurrency-token transition Queued → Running plus the leased run row and its event, in one durable transaction; the ratio says how many raw durable transactions one claim costs. With several nodes racing, every task is claimed exactly once (checked).");
            report.Note("End to end includes, per task: claim, worktree, spawning the agent, the engine checkpoint commit, and the fenced end-of-run records.");
            return report;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
