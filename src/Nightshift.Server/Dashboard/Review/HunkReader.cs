namespace Nightshift.Server.Dashboard.Review;

/// <summary>Fills one hunk, numbering its lines, until its header's counts are used up.</summary>
internal sealed class HunkReader
{
    private readonly List<DiffLine> _lines = [];
    private int _oldLeft;
    private int _newLeft;
    private int _oldNext;
    private int _newNext;

    public HunkReader(int oldStart, int oldCount, int newStart, int newCount, string section)
    {
        (_oldLeft, _newLeft, _oldNext, _newNext) = (oldCount, newCount, oldStart, newStart);
        Hunk = new DiffHunk(oldStart, oldCount, newStart, newCount, section, _lines);
    }

    public DiffHunk Hunk { get; }

    /// <summary>Adds the line when it belongs to this hunk; false means the hunk ended before it.</summary>
    public bool TryAdd(string line)
    {
        // Some tools strip the single space of an empty context line.
        var marker = line.Length == 0 ? ' ' : line[0];
        var text = line.Length == 0 ? string.Empty : line[1..];
        switch (marker)
        {
            case ' ' when _oldLeft > 0 && _newLeft > 0:
                _lines.Add(new DiffLine(DiffLineKind.Context, text, _oldNext++, _newNext++));
                _oldLeft--;
                _newLeft--;
                return true;
            case '+' when _newLeft > 0:
                _lines.Add(new DiffLine(DiffLineKind.Added, text, null, _newNext++));
                _newLeft--;
                return true;
            case '-' when _oldLeft > 0:
                _lines.Add(new DiffLine(DiffLineKind.Removed, text, _oldNext++, null));
                _oldLeft--;
                return true;
            default:
                return false;
        }
    }

    public void MarkNoNewline()
    {
        if (_lines.Count > 0)
        {
            _lines[^1].NoNewlineAtEnd = true;
        }
    }
}
