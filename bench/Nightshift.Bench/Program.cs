using System.Globalization;
using Nightshift.Bench;

// End-to-end dispatch benchmark: numbers, and ratios against baselines measured in the same run.
// Usage: dotnet run -c Release --project bench/Nightshift.Bench [-- --samples 100 --out bench/results.md]
// The dashboard's task page: dotnet run -c Release --project bench/Nightshift.Bench -- taskpage [--samples 30]
if (args is ["taskpage", ..])
{
    var samples = args is [_, "--samples", var n] ? int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture) : 30;
    var section = await TaskPageBench.RunAsync(samples, Console.Out);
    Console.WriteLine();
    Console.WriteLine(section);
    var path = BenchOptions.Parse([]).OutputPath;
    await ResultsFile.WriteSectionAsync(path, "taskpage", section);
    Console.WriteLine($"Written to {path}");
    return;
}
var options = BenchOptions.Parse(args);
var report = await DispatchBench.RunAsync(options, Console.Out);
Console.WriteLine();
Console.WriteLine(report.ToMarkdown());
await ResultsFile.WriteMainAsync(options.OutputPath, report.ToMarkdown());
Console.WriteLine($"Written to {options.OutputPath}");
