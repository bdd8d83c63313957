namespace Nightshift.Core.Processes;

/// <summary>
/// Reads a process's output as lines without ever holding more than one bounded line: a line
/// longer than <see cref="MaxLineLength"/> comes out in pieces of that length, so a command that
/// prints a gigabyte without a newline costs no more memory than one that prints short lines.
/// A line ends at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>, as <see cref="TextReader.ReadLine"/> has it.
/// </summary>
public sealed class BoundedLineReader(TextReader reader)
{
    public const int MaxLineLength = 16 * 1024;

    private readonly char[] _buffer = new char[8192];
    private readonly System.Text.StringBuilder _line = new();
    private int _start;
    private int _end;
    private bool _skipNewline;

    /// <summary>The next line, or null at the end of the output.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
                if (_end == 0)
                {
                    return _line.Length > 0 ? Take() : null;
                }
            }
            if (_skipNewline)
            {
                _skipNewline = false;
                if (_buffer[_start] == '\n')
                {
                    _start++;
                    continue;
                }
            }
            var room = MaxLineLength - _line.Length;
            var window = _buffer.AsSpan(_start, Math.Min(_end - _start, room));
            var stop = window.IndexOfAny('\n', '\r');
            if (stop < 0)
            {
                _line.Append(window);
                _start += window.Length;
                if (_line.Length >= MaxLineLength)
                {
                    return Take();
                }
                continue;
            }
            _line.Append(window[..stop]);
            _skipNewline = window[stop] == '\r';
            _start += stop + 1;
            return Take();
        }
    }

    private string Take()
    {
        var line = _line.ToString();
        _line.Clear();
        return line;
    }
}
