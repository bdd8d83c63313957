namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>report_progress, ask_question, record_decision and finish: the tools that talk to the developer's side of the run.</summary>
internal sealed class SessionTools(IAgentFeedback feedback, Func<AgentEvent, ValueTask> emit)
{
    /// <summary>Set by finish; the session ends its turn once the current batch of tool calls is done.</summary>
    public string? FinishSummary { get; private set; }

    public bool Finished { get; private set; }

    public async Task<string> ReportProgressAsync(int? percent, string line)
    {
        await emit(AgentEvent.Progress(percent is { } p ? Math.Clamp(p, 0, 100) : null, line));
        return "progress reported";
    }

    public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            throw new ToolException("the question is empty");
        }
        var answer = await feedback.AskAsync(question, cancellationToken);
        return $"The developer answered: {answer}";
    }

    public async Task<string> RecordDecisionAsync(string decision, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(decision))
        {
            throw new ToolException("the decision is empty");
        }
        await feedback.RecordDecisionAsync(string.IsNullOrWhiteSpace(reason) ? decision : $"{decision}\nWhy: {reason}", cancellationToken);
        return "decision recorded";
    }

    public string Finish(string summary)
    {
        Finished = true;
        FinishSummary = summary;
        return "finished; Nightshift will commit the worktree";
    }

    /// <summary>A queued comment or a steer reopened the session after finish.</summary>
    public void Reopen()
    {
        Finished = false;
    }
}
