namespace Nightshift.Bench;

/// <summary>Runs every measurement and puts them in one report, each against a baseline measured alongside it.</summary>
internal static class DispatchBench
{
    private const int ClaimingNodes = 4;

    public static async Task<Report> RunAsync(BenchOptions options, TextWriter progress)
    {
        var report = new Report(TimeProvider.System.GetUtcNow());

        progress.WriteLine($"enqueue → agent start, {options.Samples} samples…");
        var latency = await LatencyBench.RunAsync(options.Samples);
        var spawn = latency.Spawn.Median;
        report.Baseline($"spawn `true` via ProcessRunner, median (n={latency.Spawn.Count}, interleaved)", spawn);
        report.Against($"enqueue → agent start, median (n={latency.Total.Count})", latency.Total.Median, "spawn `true`", spawn);
        report.Against($"enqueue → agent start, p99 (n={latency.Total.Count})", latency.Total.P99, "spawn `true`", spawn);
        report.Against("of which the enqueue call, median", latency.Enqueue.Median, "SQLite transaction", latency.Sqlite.Median);

        progress.WriteLine($"claims, {options.ClaimTasks} tasks…");
        var claims = await ClaimBench.RunAsync(options.ClaimTasks, ClaimingNodes);
        var sqlite = claims.Sqlite.Median;
        report.Baseline($"SQLite durable transaction, median (n={claims.Sqlite.Count}, interleaved)", sqlite);
        report.Against($"claim (one node), median (n={claims.PerClaim.Count})", claims.PerClaim.Median, "SQLite transaction", sqlite);
        report.Against("claim (one node), p99", claims.PerClaim.P99, "SQLite transaction", sqlite);
        report.Rate("claims per second, one node back to back", claims.OneNodePerSecond, "SQLite transaction", sqlite);
        report.Rate($"claims per second, {claims.Nodes} nodes racing on one store", claims.ManyNodesPerSecond, "SQLite transaction", sqlite);

        progress.WriteLine($"end to end, {options.ThroughputTasks} tasks at concurrency {options.Concurrency}…");
        var throughput = await ThroughputBench.RunAsync(options.ThroughputTasks, options.Concurrency);
        report.Rate($"tasks to review per second, `true` agent, concurrency {options.Concurrency}", throughput, "spawn `true`", spawn);

        report.Note("Baselines are measured interleaved with the work they are compared with (one spawn of `true` and one SQLite transaction before each enqueue; one SQLite transaction before each timed claim), so a noisy disk or CPU moves both. Ratios are value ÷ baseline median; for rates, (1 / rate) ÷ baseline median.");
        report.Note("Enqueue → agent start: one task at a time on an idle worker whose poll interval is 30 s, so only the wake-on-enqueue path can start it quickly. It includes the claim, creating the task's git worktree and branch (git worktree add, read-tree, checkout-index), writing the spec and prompt, and the fenced run-start records.");
        report.Note("A claim is the concurrency-token transition Queued → Running plus the leased run row and its event in one durable transaction, after a query for ready tasks. With several nodes racing, every task is claimed exactly once (checked).");
        report.Note("End to end includes, per task: claim, worktree, spawning the agent, the engine checkpoint commit, and the fenced end-of-run records.");
        return report;
    }
}
