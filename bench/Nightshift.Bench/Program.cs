using Nightshift.Bench;

// End-to-end benchmarks: numbers, and ratios against baselines measured in the same run.
// Usage: dotnet run -c Release --project bench/Nightshift.Bench [-- --samples 100 --out bench/results.md]
//        dotnet run -c Release --project bench/Nightshift.Bench -- --suite dashboard [--tasks 1000 --samples 100]
//        dotnet run -c Release --project bench/Nightshift.Bench -- --suite taskpage [--samples 30]
// Each suite rewrites only its own part of the results file.
var options = BenchOptions.Parse(args);
switch (options.Suite)
{
    case "dashboard":
        var board = DashboardReport.From(await DashboardBench.RunAsync(options.DashboardTasks, options.Samples, Console.Out), TimeProvider.System.GetUtcNow());
        Console.WriteLine(board);
        await ResultsFile.WriteSectionAsync(options.OutputPath, "dashboard", board);
        break;
    case "taskpage":
        var page = await TaskPageBench.RunAsync(options.Samples, Console.Out);
        Console.WriteLine(page);
        await ResultsFile.WriteSectionAsync(options.OutputPath, "taskpage", page);
        break;
    default:
        var report = await DispatchBench.RunAsync(options, Console.Out);
        Console.WriteLine(report.ToMarkdown());
        await ResultsFile.WriteMainAsync(options.OutputPath, report.ToMarkdown());
        break;
}
Console.WriteLine($"Written to {options.OutputPath}");
