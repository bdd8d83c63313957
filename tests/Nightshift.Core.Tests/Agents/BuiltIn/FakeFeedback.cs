using Nightshift.Core.Agents;

namespace Nightshift.Core.Tests.Agents.BuiltIn;

/// <summary>The developer's side, scripted: steers on chosen calls, queued comments, a fixed answer; records what it was asked.</summary>
internal sealed class FakeFeedback : IAgentFeedback
{
    private readonly Queue<string> _queued = new();

    /// <summary>Steering returned on the n-th call of <see cref="TakeSteeringAsync"/>, counting from 1.</summary>
    public Dictionary<int, string> SteerOnCall { get; } = [];

    public string Answer { get; init; } = "No preference.";

    public int SteeringCalls { get; private set; }

    public int QueuedCalls { get; private set; }

    public List<string> Questions { get; } = [];

    public List<string> Decisions { get; } = [];

    public void Queue(string comment) => _queued.Enqueue(comment);

    public Task<IReadOnlyList<string>> TakeSteeringAsync(CancellationToken cancellationToken)
    {
        SteeringCalls++;
        IReadOnlyList<string> steer = SteerOnCall.TryGetValue(SteeringCalls, out var text) ? [text] : [];
        return Task.FromResult(steer);
    }

    public Task<IReadOnlyList<string>> TakeQueuedAsync(CancellationToken cancellationToken)
    {
        QueuedCalls++;
        IReadOnlyList<string> taken = [.. _queued];
        _queued.Clear();
        return Task.FromResult(taken);
    }

    public Task<string> AskAsync(string question, CancellationToken cancellationToken)
    {
        Questions.Add(question);
        return Task.FromResult(Answer);
    }

    public Task RecordDecisionAsync(string decision, CancellationToken cancellationToken)
    {
        Decisions.Add(decision);
        return Task.CompletedTask;
    }
}
