using System.Text.Json;
using Nightshift.Core.Storage;

using Nightshift.Core.Tasks;
namespace Nightshift.Server.Components.TaskView;

/// <summary>
/// A task's events folded into transcript items, appended to as events arrive. Each event is
/// taken once, in order: an event at or below <see cref="LastSeq"/> is ignored, so a reload that
/// overlaps what was already read changes nothing.
/// </summary>
public sealed class Transcript
{
    /// <summary>The kind the engine gives a runtime's token report.</summary>
    public const string UsageKind = "usage";

    private readonly List<TranscriptItem> _items = [];
    private readonly List<TranscriptItem> _open = [];

    public IReadOnlyList<TranscriptItem> Items => _items;

    /// <summary>The items as a read-only collection, for a virtualising list.</summary>
    public ICollection<TranscriptItem> View => _items.AsReadOnly();

    /// <summary>The first event this transcript holds (earlier ones were not loaded); 0 when empty.</summary>
    public long FirstSeq { get; private set; }

    public long LastSeq { get; private set; }

    /// <summary>Starts the transcript after <paramref name="seq"/>: events up to it are not shown.</summary>
    public void StartAfter(long seq)
    {
        if (LastSeq == 0)
        {
            LastSeq = seq;
        }
    }

    /// <summary>Puts events from before <see cref="FirstSeq"/> in front, folded on their own.</summary>
    public void Prepend(IReadOnlyList<EventRecord> earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var before = new Transcript();
        before.Add(earlier.Where(e => FirstSeq == 0 || e.Seq < FirstSeq));
        if (before._items.Count == 0)
        {
            return;
        }
        _items.InsertRange(0, before._items);
        FirstSeq = before.FirstSeq;
        LastSeq = Math.Max(LastSeq, before.LastSeq);
    }

    public void Add(IEnumerable<EventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            if (e.Seq <= LastSeq)
            {
                continue;
            }
            if (FirstSeq == 0)
            {
                FirstSeq = e.Seq;
            }
            LastSeq = e.Seq;
            Fold(e);
        }
    }

    private void Fold(EventRecord e)
    {
        switch (e.Kind)
        {
            case EventKind.ToolCall when IsResult(e, out var isError) is { } call:
                call.Result = e.Message;
                call.IsError = isError;
                call.LastSeq = e.Seq;
                _open.Remove(call);
                return;
            case EventKind.ToolCall:
                var tool = NewItem(e, TranscriptItemKind.Tool);
                _open.Add(tool);
                return;
            case EventKind.Log when _open.Count > 0:
                // Command output goes under the call that is running it.
                _open[^1].AddOutput(e.Message, e.Seq);
                return;
            case EventKind.Log when _items.Count > 0 && _items[^1].Kind == TranscriptItemKind.Output:
                _items[^1].AddOutput(e.Message, e.Seq);
                return;
            case EventKind.Log:
                NewItem(e, TranscriptItemKind.Output).AddOutput(e.Message, e.Seq);
                return;
            case UsageKind:
                // Token counts are summed in the header and per run; a line per model call is noise.
                return;
            case EventKind.RunEnded or EventKind.StateChanged or EventKind.RunDiscarded:
                // A call still open when its run ends or the task moves on will get no result.
                _open.Clear();
                break;
        }
        var item = NewItem(e, KindOf(e.Kind));
        if (e.Kind == EventKind.Check && TaskFacts.CheckOf(e) is { } check)
        {
            item.Result = check.OutputTail;
        }
        item.IsError = e.Kind == EventKind.Check && e.Message.StartsWith("FAILED", StringComparison.Ordinal)
            || e.Kind == EventKind.RunEnded && !e.Message.EndsWith("Succeeded", StringComparison.Ordinal);
    }

    private TranscriptItem NewItem(EventRecord e, TranscriptItemKind kind)
    {
        var item = new TranscriptItem { Seq = e.Seq, LastSeq = e.Seq, Kind = kind, At = e.At, Text = e.Message };
        _items.Add(item);
        return item;
    }

    /// <summary>
    /// The open call that <paramref name="e"/> answers, if it is a result: marked so in its data,
    /// or (older logs) worded "tool: …" after a call of that tool. Results come in call order.
    /// </summary>
    private TranscriptItem? IsResult(EventRecord e, out bool isError)
    {
        isError = false;
        if (_open.Count == 0)
        {
            return null;
        }
        if (e.Data is { Length: > 0 } data && data.Contains("\"result\"", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(data);
            isError = json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True;
            return _open[0];
        }
        var name = _open[0].Text.Split(' ', 2)[0];
        if (e.Message.StartsWith(name + ":", StringComparison.Ordinal))
        {
            isError = e.Message.StartsWith(name + ": error:", StringComparison.Ordinal);
            return _open[0];
        }
        return null;
    }

    private static TranscriptItemKind KindOf(string kind) => kind switch
    {
        EventKind.Message => TranscriptItemKind.Message,
        EventKind.StateChanged => TranscriptItemKind.State,
        EventKind.RunStarted or EventKind.RunEnded or EventKind.RunDiscarded or EventKind.OrphanStopped or EventKind.LeftoversStopped => TranscriptItemKind.Run,
        EventKind.Check => TranscriptItemKind.Check,
        EventKind.Progress => TranscriptItemKind.Progress,
        EventKind.Question => TranscriptItemKind.Question,
        EventKind.Answer => TranscriptItemKind.Answer,
        EventKind.Comment => TranscriptItemKind.Comment,
        EventKind.Decision => TranscriptItemKind.Decision,
        TaskFacts.PlanKind => TranscriptItemKind.Plan,
        _ => TranscriptItemKind.Other,
    };
}
