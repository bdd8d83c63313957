using System.Globalization;
using Nightshift.Cli.Shell;
using Nightshift.Core.Dispatch;

namespace Nightshift.Cli.Commands;

/// <summary>
/// How many agents <c>up</c> runs at once, and where that came from, for its banner: the option,
/// else the environment's setting, else the default for this machine's memory
/// (<see cref="WorkerOptions.DefaultConcurrency"/>).
/// </summary>
internal sealed record UpConcurrency(int Value, string Source)
{
    public const string Option = "--concurrency";

    public static string DefaultRule =>
        $"one per {WorkerOptions.MemoryPerRunBytes / (1024 * 1024 * 1024)} GiB of memory, at most {WorkerOptions.MaxDefaultConcurrency}";

    /// <summary>The banner's line: how many, why, and how to change it.</summary>
    public string Banner =>
        $"up to {Value} agents at once ({Source}; change it with {Option} N or {WorkerOptions.ConcurrencyVariable}=N)";

    public static UpConcurrency Resolve(int? option, string? variable, long memoryBytes)
    {
        if (option is { } given)
        {
            return new(Checked(Option, given), Option);
        }
        if (!string.IsNullOrWhiteSpace(variable))
        {
            return int.TryParse(variable, NumberStyles.None, CultureInfo.InvariantCulture, out var set)
                ? new(Checked(WorkerOptions.ConcurrencyVariable, set), WorkerOptions.ConcurrencyVariable)
                : throw new CliUsageException($"{WorkerOptions.ConcurrencyVariable}: '{variable}' is not a whole number; set it to 1 to 64, or unset it for the default ({DefaultRule}).");
        }
        return new(WorkerOptions.DefaultConcurrency(memoryBytes), $"the default: {DefaultRule}");
    }

    private static int Checked(string source, int value) =>
        value is >= 1 and <= 64 ? value : throw new CliUsageException($"{source} takes 1 to 64.");
}
