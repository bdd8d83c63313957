using System.Text.Json;
using Nightshift.Core.Agents;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Plans;
using Nightshift.Core.Tasks;
namespace Nightshift.Core.Bridge;

/// <summary>
/// What one run's agent can do through its MCP bridge: report progress, ask, take feedback, record
/// a decision, update its plan. Every write goes through the run's fence. Bad input is refused with
/// an <see cref="ArgumentException"/> that says what was wrong, before anything is written.
/// </summary>
/// <remarks>
/// It also stands between the runtime and the run's feedback (<see cref="IAgentFeedback"/>), so a
/// question that the bridge stopped holding (see <see cref="AskAsync"/>) reaches the session as a
/// message once answered.
/// </remarks>
public sealed class RunBridge(RunLease lease, RunFence fence, TaskBoard board, IAgentFeedback store, IAgentFeedback runtime, Func<Task> flush)
    : IAgentFeedback, IDisposable
{
    public const int MaxLine = 500;
    public const int MaxText = 4000;
    public const int MaxSteps = 50;

    private readonly CancellationTokenSource _life = new();
    private readonly Lock _gate = new();
    private Task<string>? _question;
    private string? _questionText;
    private bool _answerTaken;

    public RunId RunId => lease.RunId;

    public TaskId TaskId => lease.TaskId;

    public TimeSpan AnswerWait { get; init; } = AgentBridgeEndpoint.LongestCall;

    public async Task ReportProgressAsync(int percent, string? line, CancellationToken cancellationToken)
    {
        if (percent is < 0 or > 100)
        {
            throw new ArgumentException($"percent must be a whole number from 0 to 100; {percent} is out of range.");
        }
        var text = Required(line, "line", MaxLine);
        await flush();
        await fence.WriteAsync(lease, (task, _, db) =>
        {
            task.ProgressPercent = percent;
            task.ProgressLine = text;
            board.Append(db, task, lease.RunId, EventKind.Progress, $"{percent}% {text}");
        }, cancellationToken);
    }

    /// <summary>
    /// Asks the developer; the task shows NeedsInput until someone answers, exactly as the built-in
    /// agent's question does. Returns the answer, or null when none came within <see cref="AnswerWait"/>.
    /// </summary>
    /// <remarks>
    /// Why a bounded wait and not a call held until answered: an answer may take hours, and agents
    /// give up on a tool call long before that (their MCP tool-call timeouts, and the HTTP client's
    /// own idle limit on a response that sends nothing). A call the agent abandoned would lose its
    /// answer. So the call is held for <see cref="AnswerWait"/> (runtimes set their tool timeout
    /// above it) and then returns "no answer yet". The question stays open on the task either way,
    /// and its answer is delivered as a message: at the session's next turn boundary, or, if the
    /// agent ends its turn first, the session waits for the answer and gets it as its next turn.
    /// Asking again while a question is open waits for that same question instead of asking twice.
    /// </remarks>
    public async Task<string?> AskAsync(string? question, CancellationToken cancellationToken)
    {
        var text = Required(question, "question", MaxText);
        Task<string> pending;
        lock (_gate)
        {
            if (_question is null || (_question.IsCompleted && (_answerTaken || !_question.IsCompletedSuccessfully)))
            {
                _questionText = text;
                _answerTaken = false;
                _question = AskStoreAsync(text);
            }
            pending = _question;
        }
        try
        {
            var answer = await pending.WaitAsync(AnswerWait, fence.Time, cancellationToken);
            lock (_gate)
            {
                _answerTaken = true;
            }
            return answer;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Steering and queued comments not yet delivered (and a late answer), oldest first; taking them marks them delivered.</summary>
    public async Task<IReadOnlyList<string>> TakeFeedbackAsync(CancellationToken cancellationToken)
    {
        List<string> taken = [.. TakeLateAnswer()];
        taken.AddRange(await store.TakeSteeringAsync(cancellationToken));
        taken.AddRange(await store.TakeQueuedAsync(cancellationToken));
        return taken;
    }

    public async Task RecordDecisionAsync(string? decision, string? why, CancellationToken cancellationToken)
    {
        var what = Required(decision, "decision", MaxLine);
        var reason = Required(why, "why", MaxText);
        await flush();
        await store.RecordDecisionAsync($"{what} — why: {reason}", cancellationToken);
    }

    public async Task UpdatePlanAsync(IReadOnlyList<PlanStep>? steps, CancellationToken cancellationToken)
    {
        if (steps is null || steps.Count == 0)
        {
            throw new ArgumentException("steps must list at least one step, each with its text and whether it is done.");
        }
        if (steps.Count > MaxSteps)
        {
            throw new ArgumentException($"steps has {steps.Count} steps; a plan has at most {MaxSteps}. Group smaller steps together.");
        }
        var clean = steps.Select((s, i) => new PlanStep(Required(s?.Step, $"steps[{i}].step", MaxLine), s!.Done)).ToList();
        var json = JsonSerializer.Serialize(clean, PlanJson.Options);
        var done = clean.Count(s => s.Done);
        var next = clean.FirstOrDefault(s => !s.Done)?.Step;
        await flush();
        await fence.WriteAsync(lease, (task, _, db) =>
        {
            task.PlanJson = json;
            board.Append(db, task, lease.RunId, EventKind.Plan, $"Plan: {done} of {clean.Count} steps done{(next is null ? string.Empty : $"; next: {next}")}", json);
        }, cancellationToken);
    }

    async Task<IReadOnlyList<string>> IAgentFeedback.TakeSteeringAsync(CancellationToken cancellationToken) =>
        [.. TakeLateAnswer(), .. await runtime.TakeSteeringAsync(cancellationToken)];

    async Task<IReadOnlyList<string>> IAgentFeedback.TakeQueuedAsync(CancellationToken cancellationToken)
    {
        Task<string>? open;
        lock (_gate)
        {
            open = _question is { IsCompleted: false } ? _question : null;
        }
        if (open is not null)
        {
            // The agent ended its turn with its question unanswered: the session waits here (the
            // task shows NeedsInput) and the answer becomes its next turn.
            await open.WaitAsync(cancellationToken);
        }
        return [.. TakeLateAnswer(), .. await runtime.TakeQueuedAsync(cancellationToken)];
    }

    Task<string> IAgentFeedback.AskAsync(string question, CancellationToken cancellationToken) => runtime.AskAsync(question, cancellationToken);

    Task IAgentFeedback.RecordDecisionAsync(string decision, CancellationToken cancellationToken) => runtime.RecordDecisionAsync(decision, cancellationToken);

    public void Dispose()
    {
        _life.Cancel();
        _life.Dispose();
    }

    private async Task<string> AskStoreAsync(string question)
    {
        await flush();
        // The run's lifetime, not the tool call's: an agent that stops waiting does not withdraw the question.
        return await store.AskAsync(question, _life.Token);
    }

    private IEnumerable<string> TakeLateAnswer()
    {
        lock (_gate)
        {
            if (_question is not { IsCompletedSuccessfully: true } answered || _answerTaken)
            {
                return [];
            }
            _answerTaken = true;
            return [$"The developer answered your question \"{_questionText}\": {answered.GetAwaiter().GetResult()}"];
        }
    }

    private static string Required(string? value, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{field} is empty; say it in a line of text.");
        }
        var text = value.Trim();
        return text.Length <= max ? text : throw new ArgumentException($"{field} is {text.Length} characters long; keep it to {max}.");
    }
}
