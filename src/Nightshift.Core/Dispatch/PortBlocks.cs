using System.Globalization;

namespace Nightshift.Core.Dispatch;

/// <summary>
/// The ports a node hands out to its runs, in blocks: each live run holds one block
/// (<see cref="BaseVariable"/>, <see cref="CountVariable"/> in its agent's, setup script's and
/// checks' environment) that no other live run sharing the database holds, so parallel tasks'
/// dev servers and test databases do not collide. A run's block is stored on it and is free again
/// once the run is no longer Running (finished, failed, reaped, cancelled). The range's first
/// block is kept for the merge gate's checks, which belong to no run.
/// </summary>
/// <remarks>
/// The default, 21000 to 26999 in blocks of 10, keeps clear of the server's own port (7433), of
/// the ephemeral ranges the systems hand out for outgoing connections (Linux 32768-60999, Windows
/// and BSD 49152-65535), and of well-known services just above it (MongoDB's 27017).
/// </remarks>
public sealed record PortBlocks(int First, int Last, int Size)
{
    public const string BaseVariable = "NIGHTSHIFT_PORT_BASE";
    public const string CountVariable = "NIGHTSHIFT_PORT_COUNT";

    /// <summary>The setting for a node's range in the environment (<c>21000-26999</c> or <c>21000-26999/10</c>); <c>--ports</c> wins over it.</summary>
    public const string RangeVariable = "NIGHTSHIFT_PORTS";

    public static PortBlocks Default { get; } = new(21000, 26999, 10);

    /// <summary>How many whole blocks fit in the range, the merge gate's included.</summary>
    public int Count => (Last - First + 1) / Size;

    /// <summary>The block the merge gate's checks get: the range's first, never a run's.</summary>
    public int GateBase => First;

    /// <summary>The base port of the lowest block none of <paramref name="held"/> starts; null when every block is held.</summary>
    public int? FirstFree(IEnumerable<int> held)
    {
        var taken = held.ToHashSet();
        for (var i = 1; i < Count; i++)
        {
            var start = First + (i * Size);
            if (!taken.Contains(start))
            {
                return start;
            }
        }
        return null;
    }

    /// <summary>The variables that hand the block at <paramref name="portBase"/> to a process; none for no block.</summary>
    public IReadOnlyDictionary<string, string> Variables(int? portBase) =>
        portBase is { } start
            ? new Dictionary<string, string>
            {
                [BaseVariable] = start.ToString(CultureInfo.InvariantCulture),
                [CountVariable] = Size.ToString(CultureInfo.InvariantCulture),
            }
            : new Dictionary<string, string>();

    /// <summary>Why this range cannot be used, naming the setting; null when it can.</summary>
    public string? Problem() =>
        First < 1024 ? $"the first port {First} is below 1024, where ports need root; start at 1024 or above"
        : Last > 65535 ? $"the last port {Last} is above 65535, the highest port there is"
        : Size < 1 ? $"a block of {Size} ports holds none; use 1 or more"
        : Count < 2 ? $"the range {First}-{Last} has no room for two blocks of {Size} ports (the merge gate's and one run's); widen it or make the blocks smaller"
        : null;

    /// <summary>Reads <c>FIRST-LAST</c> or <c>FIRST-LAST/SIZE</c> (the block size defaults to <see cref="Default"/>'s).</summary>
    public static bool TryParse(string? text, out PortBlocks blocks, out string reason)
    {
        blocks = Default;
        var parts = (text ?? string.Empty).Trim().Split('/');
        var range = parts[0].Split('-');
        var size = Default.Size;
        if (parts.Length > 2 || range.Length != 2
            || !int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out size)))
        {
            reason = $"'{text}' is not a port range; write FIRST-LAST or FIRST-LAST/BLOCK, e.g. 21000-26999/10";
            return false;
        }
        blocks = new PortBlocks(first, last, size);
        if (blocks.Problem() is { } problem)
        {
            reason = problem;
            return false;
        }
        reason = string.Empty;
        return true;
    }
}
