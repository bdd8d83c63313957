namespace Nightshift.Server.Components.TaskView;

/// <summary>
/// One entry of the transcript. Items are appended and then only grow (a tool call gains its
/// output and result), so a renderer can keep them and redraw the ones on screen.
/// </summary>
public sealed class TranscriptItem
{
    /// <summary>At most this many output lines are kept per item; the rest are counted.</summary>
    public const int MaxOutputLines = 200;

    private readonly List<string> _output = [];

    public required long Seq { get; init; }

    public required TranscriptItemKind Kind { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Text { get; init; }

    public string? Result { get; set; }

    public bool IsError { get; set; }

    /// <summary>The sequence number of the last event folded into this item.</summary>
    public long LastSeq { get; set; }

    /// <summary>A tool call whose result has not come yet.</summary>
    public bool IsOpen => Kind == TranscriptItemKind.Tool && Result is null;

    public IReadOnlyList<string> Output => _output;

    public int OutputDropped { get; private set; }

    public void AddOutput(string line, long seq)
    {
        if (_output.Count < MaxOutputLines)
        {
            _output.Add(line);
        }
        else
        {
            OutputDropped++;
        }
        LastSeq = seq;
    }
}
