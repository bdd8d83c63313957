using System.Text;

namespace Nightshift.ScriptedModel;

/// <summary>
/// Plays a <see cref="Script"/> against incoming requests and records them. Numbering, matching
/// and using up one-shot rules happen under one lock, so concurrent requests each see a
/// consistent script.
/// </summary>
internal sealed class ScriptPlayer(Script script)
{
    private const int MaxQuoted = 400;

    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly HashSet<int> _usedRules = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToList();
            }
        }
    }

    public ScriptPlay Play(string body) => Play(body, RequestReader.Read);

    /// <summary>Plays the script for a body in another API's shape; every API shares one numbering and one script.</summary>
    public ScriptPlay Play(string body, RequestParse parse)
    {
        lock (_lock)
        {
            var request = parse(_requests.Count + 1, body, out var problem);
            if (request is null)
            {
                return new ScriptPlay(null, null, problem);
            }
            _requests.Add(request);
            Release();
            for (var i = 0; i < script.Rules.Count; i++)
            {
                var rule = script.Rules[i];
                if (_usedRules.Contains(i) || !rule.When.IsMatch(request))
                {
                    continue;
                }
                if (rule.Once)
                {
                    _usedRules.Add(i);
                }
                return new ScriptPlay(request, rule.Reply, null);
            }
            return new ScriptPlay(request, null, Unmatched(request));
        }
    }

    public Task WaitForRequestsAsync(int count, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    private void Release()
    {
        foreach (var waiter in _waiters.Where(w => _requests.Count >= w.Count).ToList())
        {
            _waiters.Remove(waiter);
            waiter.Done.TrySetResult();
        }
    }

    private string Unmatched(RecordedRequest request)
    {
        var last = request.LastMessage;
        var text = new StringBuilder($"No script rule matched request #{request.Number}; ");
        text.Append(last is null
            ? "it has no messages."
            : $"its last message ({last.Role}) was: \"{Quote(last.Text)}\".");
        text.Append(" Rules: ");
        text.Append(string.Join("; ", script.Rules.Select((r, i) =>
            $"{i + 1}. {r.When.Description}{(_usedRules.Contains(i) ? " (used)" : string.Empty)}")));
        if (script.Rules.Count == 0)
        {
            text.Append("none");
        }
        text.Append(". Add a rule that matches this request, or check why an earlier step went differently.");
        return text.ToString();
    }

    private static string Quote(string text) => text.Length <= MaxQuoted ? text : text[..MaxQuoted] + "…";
}
