using System.Text;

namespace Nightshift.Core.Processes;

/// <summary>The last lines of a command's output, bounded in lines and characters; safe to add to from stdout and stderr at once.</summary>
internal sealed class OutputTail(int maxLines, int maxChars)
{
    private readonly Lock _lock = new();
    private readonly Queue<string> _lines = new();
    private int _chars;
    private int _dropped;

    public void Add(string line)
    {
        lock (_lock)
        {
            _lines.Enqueue(line);
            _chars += line.Length + 1;
            while (_lines.Count > maxLines || (_chars > maxChars && _lines.Count > 1))
            {
                _chars -= _lines.Dequeue().Length + 1;
                _dropped++;
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            var text = new StringBuilder();
            if (_dropped > 0)
            {
                text.Append($"[{_dropped} earlier lines not shown]\n");
            }
            foreach (var line in _lines)
            {
                text.Append(line.Length > maxChars ? line[..maxChars] + "…" : line).Append('\n');
            }
            return text.ToString().TrimEnd('\n');
        }
    }
}
