using Nightshift.Bench;

// End-to-end dispatch benchmark: numbers, and ratios against baselines measured in the same run.
// Usage: dotnet run -c Release --project bench/Nightshift.Bench [-- --samples 100 --out bench/results.md]
var options = BenchOptions.Parse(args);
var report = await DispatchBench.RunAsync(options, Console.Out);
Console.WriteLine();
Console.WriteLine(report.ToMarkdown());
await File.WriteAllTextAsync(options.OutputPath, report.ToMarkdown());
Console.WriteLine($"Written to {options.OutputPath}");
