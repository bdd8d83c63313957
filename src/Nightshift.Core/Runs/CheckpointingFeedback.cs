using Nightshift.Core.Agents;

namespace Nightshift.Core.Runs;

/// <summary>
/// Commits the agent's work at its turn boundaries. Every runtime asks for steering at each turn
/// boundary (that is the contract of <see cref="IAgentFeedback.TakeSteeringAsync"/>), so this is
/// where a checkpoint lands: a crash then loses at most the turn in progress. Checkpoints are at
/// least <paramref name="interval"/> apart, since some runtimes also ask while a turn runs.
/// Before anything reaches the developer's side, what the agent said so far is flushed to the
/// log (<paramref name="flush"/>), so the log reads in the order things happened.
/// </summary>
internal sealed class CheckpointingFeedback(IAgentFeedback inner, Func<Task> flush, Func<Task> checkpoint, TimeSpan interval, TimeProvider time) : IAgentFeedback
{
    private long _last = time.GetTimestamp();

    public async Task<IReadOnlyList<string>> TakeSteeringAsync(CancellationToken cancellationToken)
    {
        await flush();
        if (time.GetElapsedTime(_last) >= interval)
        {
            _last = time.GetTimestamp();
            await checkpoint();
        }
        return await inner.TakeSteeringAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> TakeQueuedAsync(CancellationToken cancellationToken)
    {
        await flush();
        return await inner.TakeQueuedAsync(cancellationToken);
    }

    public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
    {
        await flush();
        return await inner.AskAsync(question, cancellationToken);
    }

    public async Task RecordDecisionAsync(string decision, CancellationToken cancellationToken)
    {
        await flush();
        await inner.RecordDecisionAsync(decision, cancellationToken);
    }
}
