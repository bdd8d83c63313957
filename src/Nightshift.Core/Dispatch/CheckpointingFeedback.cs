using Nightshift.Core.Agents;

namespace Nightshift.Core.Dispatch;

/// <summary>
/// Commits the agent's work at its turn boundaries. Every runtime asks for steering at each turn
/// boundary (that is the contract of <see cref="IAgentFeedback.TakeSteeringAsync"/>), so this is
/// where a checkpoint lands: a crash then loses at most the turn in progress. Checkpoints are at
/// least <paramref name="interval"/> apart, since some runtimes also ask while a turn runs.
/// </summary>
internal sealed class CheckpointingFeedback(IAgentFeedback inner, Func<Task> checkpoint, TimeSpan interval, TimeProvider time) : IAgentFeedback
{
    private long _last = time.GetTimestamp();

    public async Task<IReadOnlyList<string>> TakeSteeringAsync(CancellationToken cancellationToken)
    {
        if (time.GetElapsedTime(_last) >= interval)
        {
            _last = time.GetTimestamp();
            await checkpoint();
        }
        return await inner.TakeSteeringAsync(cancellationToken);
    }

    public Task<IReadOnlyList<string>> TakeQueuedAsync(CancellationToken cancellationToken) => inner.TakeQueuedAsync(cancellationToken);

    public Task<string> AskAsync(string question, CancellationToken cancellationToken) => inner.AskAsync(question, cancellationToken);

    public Task RecordDecisionAsync(string decision, CancellationToken cancellationToken) => inner.RecordDecisionAsync(decision, cancellationToken);
}
