using System.Text.Json;
using Nightshift.Core.Checks;
using Nightshift.Core.Storage;

using Nightshift.Core.Tasks;
namespace Nightshift.Server.Components.TaskView;

/// <summary>
/// What the side of the task page shows from the event log: the decisions the agent recorded,
/// the checks' results, the latest plan and question. Fed the same events as the transcript,
/// plus, at first load, those of these kinds that came before the transcript's first page.
/// </summary>
public sealed class TaskFacts
{
    /// <summary>The event kind of a plan (the agent bridge writes it).</summary>
    public const string PlanKind = "plan";

    public static readonly string[] Kinds = [EventKind.Decision, EventKind.Check, EventKind.Question, PlanKind];

    private readonly List<EventRecord> _decisions = [];
    private readonly List<(EventRecord Event, CheckResult Result)> _checks = [];
    private long _lastSeq;

    public IReadOnlyList<EventRecord> Decisions => _decisions;

    public IReadOnlyList<(EventRecord Event, CheckResult Result)> Checks => _checks;

    public IReadOnlyList<PlanStep>? Plan { get; private set; }

    public DateTimeOffset? PlanAt { get; private set; }

    public string? Question { get; private set; }

    public void Add(IEnumerable<EventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            if (e.Seq <= _lastSeq)
            {
                continue;
            }
            _lastSeq = e.Seq;
            switch (e.Kind)
            {
                case EventKind.Decision:
                    _decisions.Add(e);
                    break;
                case EventKind.Check when CheckOf(e) is { } result:
                    _checks.Add((e, result));
                    break;
                case EventKind.Question:
                    Question = e.Message;
                    break;
                case PlanKind:
                    Plan = PlanReader.Read(e.Message, e.Data);
                    PlanAt = e.At;
                    break;
            }
        }
    }

    public static CheckResult? CheckOf(EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Data is not { Length: > 0 } data)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<CheckResult>(data);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
