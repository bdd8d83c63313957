using Nightshift.Core.Agents;

namespace Nightshift.Core.Tests.Agents.ClaudeCode;

/// <summary>
/// The developer's side for Claude Code runs, safe for the runtime's poller and reader calling at
/// once: a steer is handed out on the first poll after <see cref="ReleaseSteer"/>, queued comments
/// on the next turn end.
/// </summary>
internal sealed class SteeringFeedback : IAgentFeedback
{
    private readonly Lock _lock = new();
    private readonly List<string> _steering = [];
    private readonly List<string> _queued = [];

    public List<string> Delivered { get; } = [];

    public void ReleaseSteer(string text)
    {
        lock (_lock)
        {
            _steering.Add(text);
        }
    }

    public void Queue(string text)
    {
        lock (_lock)
        {
            _queued.Add(text);
        }
    }

    public Task<IReadOnlyList<string>> TakeSteeringAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(Take(_steering));

    public Task<IReadOnlyList<string>> TakeQueuedAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(Take(_queued));

    public Task<string> AskAsync(string question, CancellationToken cancellationToken) => Task.FromResult("No preference.");

    public Task RecordDecisionAsync(string decision, CancellationToken cancellationToken) => Task.CompletedTask;

    private List<string> Take(List<string> from)
    {
        lock (_lock)
        {
            var taken = from.ToList();
            from.Clear();
            Delivered.AddRange(taken);
            return taken;
        }
    }
}
