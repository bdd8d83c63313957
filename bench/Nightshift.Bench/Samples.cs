namespace Nightshift.Bench;

/// <summary>Durations measured for one quantity, summarised as median and 99th percentile.</summary>
internal sealed class Samples(string name)
{
    private readonly List<TimeSpan> _values = [];

    public string Name { get; } = name;

    public int Count => _values.Count;

    public TimeSpan Median => Percentile(0.50);

    public TimeSpan P99 => Percentile(0.99);

    public void Add(TimeSpan value) => _values.Add(value);

    /// <summary>Nearest-rank percentile.</summary>
    public TimeSpan Percentile(double p)
    {
        if (_values.Count == 0)
        {
            return TimeSpan.Zero;
        }
        var sorted = _values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
