namespace Nightshift.Core.Processes;

/// <summary>
/// How much of an agent's printed output a run shows as events. Within these limits each line is
/// an event; past them the lines are only kept in the run's output file (and counted once that is
/// full), with a summary event now and then, so a chatty agent cannot flood the log, the memory or
/// the other runs.
/// </summary>
public sealed record OutputLimits
{
    /// <summary>Lines a run may show at once before the rate applies.</summary>
    public int BurstLines { get; init; } = 1000;

    /// <summary>Lines a second a run may go on showing after its burst.</summary>
    public double LinesPerSecond { get; init; } = 20;

    /// <summary>Bytes of output a run shows as events in all.</summary>
    public long ShownBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>Bytes a run's output file keeps; past them lines are counted only.</summary>
    public long KeptBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How often, while lines are being held back, a summary event says how many.</summary>
    public TimeSpan SummaryInterval { get; init; } = TimeSpan.FromSeconds(10);
}
