using System.Text.Json.Nodes;

namespace Nightshift.Core.Agents.Codex;

/// <summary>
/// The turns of one thread and the feedback that goes into them. One gate orders starting a
/// turn, ending one and steering, so a steer goes to the turn in progress or, when that turn ended
/// under it, into the next turn: whatever was taken from the feedback (and so marked delivered)
/// reaches the session.
/// </summary>
internal sealed class CodexTurns(CodexRpc rpc, IAgentFeedback feedback, string threadId) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _unsent = [];
    private readonly HashSet<string> _started = [];
    private string? _turnId;

    public string ThreadId => threadId;

    /// <summary>Whether this run started the turn; safe to call from any thread.</summary>
    public bool Started(string turnId)
    {
        lock (_started)
        {
            return _started.Contains(turnId);
        }
    }

    public async Task StartAsync(string text, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await StartLockedAsync(text, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Steering comments go to the turn in progress with <c>turn/steer</c>; Codex puts them in front
    /// of the model at its next request (it may drop a reply still in flight), without ending the turn.
    /// </summary>
    public async Task SteerAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_turnId is null)
            {
                return;
            }
            var comments = await feedback.TakeSteeringAsync(cancellationToken);
            if (comments.Count == 0)
            {
                return;
            }
            try
            {
                await rpc.RequestAsync("turn/steer", new JsonObject
                {
                    ["threadId"] = threadId,
                    ["expectedTurnId"] = _turnId,
                    ["input"] = Input(string.Join("\n\n", comments)),
                }, cancellationToken);
            }
            catch (CodexRpcException)
            {
                // The turn ended before the steer reached it: it opens the next turn instead.
                _unsent.AddRange(comments);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// When a turn completes: steering that missed it, queued comments and steering that arrived
    /// since make one more turn. False when there is nothing, and the run is done.
    /// </summary>
    public async Task<bool> NextAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _turnId = null;
            var comments = _unsent
                .Concat(await feedback.TakeQueuedAsync(cancellationToken))
                .Concat(await feedback.TakeSteeringAsync(cancellationToken))
                .ToList();
            _unsent.Clear();
            if (comments.Count == 0)
            {
                return false;
            }
            await StartLockedAsync(string.Join("\n\n", comments), cancellationToken);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StartLockedAsync(string text, CancellationToken cancellationToken)
    {
        var started = await rpc.RequestAsync("turn/start", new JsonObject { ["threadId"] = threadId, ["input"] = Input(text) }, cancellationToken);
        _turnId = started?["turn"]?["id"]?.GetValue<string>() ?? throw new CodexRpcException("the turn it started has no id");
        lock (_started)
        {
            _started.Add(_turnId);
        }
    }

    private static JsonArray Input(string text) => [new JsonObject { ["type"] = "text", ["text"] = text }];

    public void Dispose() => _gate.Dispose();
}
