namespace Nightshift.Bench;

/// <summary>The dashboard bench's section of bench/results.md, written between its markers by ResultsFile.</summary>
internal static class DashboardReport
{
    public static string From(DashboardBench.Result r, DateTimeOffset at)
    {
        var report = new Report(at);
        report.Baseline($"GET /api/tasks ({r.Tasks} tasks, bearer token), median (n={r.ApiList.Count}, interleaved)", r.ApiList.Median);
        report.Against($"GET /board, server prerender ({r.Tasks} tasks, signed-in cookie), median (n={r.Board.Count})", r.Board.Median, "GET /api/tasks", r.ApiList.Median);
        report.Against("GET /board, p95", r.Board.Percentile(0.95), "GET /api/tasks", r.ApiList.Median);
        report.Baseline($"no-op round trip to the board page (Playwright), median (n={r.NoOp.Count}, interleaved)", r.NoOp.Median);
        report.Against($"progress event appended → card shows it in Chromium, median (n={r.EventToScreen.Count})", r.EventToScreen.Median, "no-op round trip", r.NoOp.Median);
        report.Against("progress event → card, p95", r.EventToScreen.Percentile(0.95), "no-op round trip", r.NoOp.Median);
        report.Note($"The store holds {r.Tasks} tasks in a mix of states (most merged; one in twenty running), each with {DashboardSeed.EventsPerTask} events and a run; the server runs in the bench's process without a worker.");
        report.Note("GET /board is the whole prerendered page (layout, filters, seven columns of at most 30 cards each) from one board query; GET /api/tasks serialises the same tasks as JSON.");
        report.Note("Event → screen: TaskBoard.AppendAsync of a progress event on a running task, until the card's percent in a real Chromium page reads the new value. It includes the signal, the page's coalescing delay (100 ms after a quiet spell), the board query, the render diff over the circuit and Playwright's polling; the no-op is a Playwright wait whose condition is already true.");
        return report.ToMarkdown("## Dashboard benchmark", "dotnet run -c Release --project bench/Nightshift.Bench -- --suite dashboard");
    }
}
