namespace Nightshift.Core.Agents;

/// <summary>
/// The developer's side of a running session, as a runtime sees it. Each runtime calls these at
/// its own turn boundaries; the engine records when and to which run each comment was delivered.
/// </summary>
public interface IAgentFeedback
{
    /// <summary>
    /// Steering comments not yet delivered, oldest first; taking them marks them delivered to this
    /// run. A runtime calls this at every turn boundary (after each model reply or tool result)
    /// and puts the text in front of the model before its next step.
    /// </summary>
    Task<IReadOnlyList<string>> TakeSteeringAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Queued comments not yet delivered, oldest first; taking them marks them delivered. A runtime
    /// calls this when a turn ends (the agent would finish) and, if any came back, runs one more
    /// turn with them as the user's message instead of finishing.
    /// </summary>
    Task<IReadOnlyList<string>> TakeQueuedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Asks the developer a question. The task shows NeedsInput until someone answers; other tasks
    /// go on. Returns the answer's text.
    /// </summary>
    Task<string> AskAsync(string question, CancellationToken cancellationToken);

    /// <summary>Records a decision and the why behind it, kept on the task for review.</summary>
    Task RecordDecisionAsync(string decision, CancellationToken cancellationToken);
}
