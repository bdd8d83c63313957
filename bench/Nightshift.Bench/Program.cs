using Nightshift.Bench;

// End-to-end benchmarks: numbers, and ratios against baselines measured in the same run.
// Usage: dotnet run -c Release --project bench/Nightshift.Bench [-- --samples 100 --out bench/results.md]
//        dotnet run -c Release --project bench/Nightshift.Bench -- --suite dashboard [--tasks 1000 --samples 100]
var options = BenchOptions.Parse(args);
var existing = File.Exists(options.OutputPath) ? await File.ReadAllTextAsync(options.OutputPath) : string.Empty;
string markdown;
if (options.Suite == "dashboard")
{
    var result = await DashboardBench.RunAsync(options.DashboardTasks, options.Samples, Console.Out);
    markdown = DashboardReport.Merge(existing, DashboardReport.From(result, TimeProvider.System.GetUtcNow()).ToMarkdown());
}
else
{
    var report = await DispatchBench.RunAsync(options, Console.Out);
    markdown = DashboardReport.Merge(report.ToMarkdown(), DashboardReport.Section(existing));
}
Console.WriteLine();
Console.WriteLine(markdown);
await File.WriteAllTextAsync(options.OutputPath, markdown);
Console.WriteLine($"Written to {options.OutputPath}");
