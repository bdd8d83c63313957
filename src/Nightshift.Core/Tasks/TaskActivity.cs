using System.Globalization;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Tasks;

/// <summary>A task at work: its latest reported progress and the last thing it logged.</summary>
public sealed record TaskActivity(TaskRecord Task, int? Percent, string? LastLine, DateTimeOffset? RunStartedAt)
{
    /// <summary>Progress events read "42% line"; the number before the percent sign, if any.</summary>
    public static int? PercentOf(string? progressMessage)
    {
        if (progressMessage is null)
        {
            return null;
        }
        var end = progressMessage.IndexOf('%', StringComparison.Ordinal);
        return end > 0 && int.TryParse(progressMessage.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 0, 100) : null;
    }
}
