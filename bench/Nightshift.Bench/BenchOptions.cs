using System.Globalization;

namespace Nightshift.Bench;

/// <summary>What to measure and where to write it.</summary>
internal sealed record BenchOptions
{
    /// <summary>Enqueue-to-start samples (one task at a time on an idle worker).</summary>
    public int Samples { get; init; } = 100;

    /// <summary>Tasks enqueued before the claim-throughput runs.</summary>
    public int ClaimTasks { get; init; } = 400;

    /// <summary>Tasks run end to end with the no-op agent at <see cref="Concurrency"/>.</summary>
    public int ThroughputTasks { get; init; } = 64;

    public int Concurrency { get; init; } = 8;

    /// <summary>"dispatch" (the default) or "dashboard".</summary>
    public string Suite { get; init; } = "dispatch";

    /// <summary>Tasks in the store for the dashboard bench.</summary>
    public int DashboardTasks { get; init; } = 1000;

    public string OutputPath { get; init; } = Path.Combine(RepositoryRoot(), "bench", "results.md");

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--samples" => options with { Samples = Number(args[i], args[i + 1]) },
                "--claims" => options with { ClaimTasks = Number(args[i], args[i + 1]) },
                "--throughput" => options with { ThroughputTasks = Number(args[i], args[i + 1]) },
                "--concurrency" => options with { Concurrency = Number(args[i], args[i + 1]) },
                "--suite" => options with { Suite = args[i + 1] is "dispatch" or "dashboard" or "taskpage" ? args[i + 1] : throw new ArgumentException($"--suite is dispatch, dashboard or taskpage, not '{args[i + 1]}'.") },
                "--tasks" => options with { DashboardTasks = Number(args[i], args[i + 1]) },
                "--out" => options with { OutputPath = Path.GetFullPath(args[i + 1]) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --suite, --samples, --tasks, --claims, --throughput, --concurrency or --out."),
            };
        }
        return options;
    }

    private static int Number(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option} takes a positive whole number, not '{text}'.");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nightshift.slnx")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
