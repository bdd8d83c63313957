using System.Globalization;

namespace Nightshift.Core.Dispatch;

/// <summary>A size as people read it in a log line or an event, and as they write it in a setting.</summary>
public static class ByteCount
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("KB", 1000), ("MB", 1000_000), ("GB", 1000_000_000), ("TB", 1000_000_000_000),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("T", 1L << 40), ("B", 1),
    ];

    /// <summary>
    /// Reads a size such as <c>500MiB</c>, <c>2 GiB</c>, <c>1.5G</c>, <c>750MB</c> or a number of bytes;
    /// false with the reason when it is not one.
    /// </summary>
    public static bool TryParse(string? text, out long bytes, out string reason)
    {
        bytes = 0;
        var trimmed = text?.Trim() ?? string.Empty;
        var (suffix, factor) = Units.FirstOrDefault(u => trimmed.EndsWith(u.Suffix, StringComparison.OrdinalIgnoreCase));
        var number = suffix is null ? trimmed : trimmed[..^suffix.Length].TrimEnd();
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value * (suffix is null ? 1 : factor)))
        {
            reason = $"'{text}' is not a size; write it as 500MiB, 2GiB, 750MB or a number of bytes (0 turns the check off)";
            return false;
        }
        bytes = (long)Math.Min(long.MaxValue, value * (suffix is null ? 1 : factor));
        reason = string.Empty;
        return true;
    }

    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
