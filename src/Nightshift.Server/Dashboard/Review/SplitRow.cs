namespace Nightshift.Server.Dashboard.Review;

/// <summary>
/// One row of the side-by-side view: the old line on the left, the new one on the right; a
/// context line sits on both sides, an unmatched addition or removal leaves the other side empty.
/// <see cref="LeftIndex"/> and <see cref="RightIndex"/> are the lines' positions in the hunk.
/// </summary>
public sealed record SplitRow(DiffLine? Left, int LeftIndex, DiffLine? Right, int RightIndex)
{
    /// <summary>Pairs a hunk's lines: each run of removals with the run of additions that follows it.</summary>
    public static IReadOnlyList<SplitRow> Pair(DiffHunk hunk)
    {
        ArgumentNullException.ThrowIfNull(hunk);
        var rows = new List<SplitRow>(hunk.Lines.Count);
        var lines = hunk.Lines;
        var i = 0;
        while (i < lines.Count)
        {
            if (lines[i].Kind == DiffLineKind.Context)
            {
                rows.Add(new SplitRow(lines[i], i, lines[i], i));
                i++;
                continue;
            }
            var removedStart = i;
            while (i < lines.Count && lines[i].Kind == DiffLineKind.Removed)
            {
                i++;
            }
            var addedStart = i;
            while (i < lines.Count && lines[i].Kind == DiffLineKind.Added)
            {
                i++;
            }
            var (removed, added) = (addedStart - removedStart, i - addedStart);
            for (var k = 0; k < Math.Max(removed, added); k++)
            {
                rows.Add(new SplitRow(
                    k < removed ? lines[removedStart + k] : null, k < removed ? removedStart + k : -1,
                    k < added ? lines[addedStart + k] : null, k < added ? addedStart + k : -1));
            }
        }
        return rows;
    }
}
