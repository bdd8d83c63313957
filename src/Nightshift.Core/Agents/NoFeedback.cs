namespace Nightshift.Core.Agents;

/// <summary>Feedback for a session nobody talks to: nothing to deliver, and questions cannot be answered.</summary>
public sealed class NoFeedback : IAgentFeedback
{
    public static NoFeedback Instance { get; } = new();

    public Task<IReadOnlyList<string>> TakeSteeringAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<IReadOnlyList<string>> TakeQueuedAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<string> AskAsync(string question, CancellationToken cancellationToken) =>
        Task.FromResult("Nobody can answer questions in this session; decide yourself and record the decision.");

    public Task RecordDecisionAsync(string decision, CancellationToken cancellationToken) => Task.CompletedTask;
}
