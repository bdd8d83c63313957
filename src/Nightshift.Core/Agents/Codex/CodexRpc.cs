using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Codex;

/// <summary>
/// JSON-RPC with <c>codex app-server</c> over stdio, one JSON object a line. Answers to our requests
/// complete the waiting call directly on the reader; everything else (notifications, the server's
/// own requests, stray lines) goes to <see cref="Incoming"/> in the order it arrived.
/// </summary>
internal sealed class CodexRpc(AgentProcess process)
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly Channel<CodexMessage> _incoming = Channel.CreateUnbounded<CodexMessage>(new UnboundedChannelOptions { SingleReader = true });
    private long _nextId;

    /// <summary>Completes when codex closes its stdout (it exited).</summary>
    public ChannelReader<CodexMessage> Incoming => _incoming.Reader;

    /// <summary>Sends a request and waits for its result; an error answer or codex's exit throws <see cref="CodexRpcException"/>.</summary>
    public async Task<JsonNode?> RequestAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var line = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString();
        if (!await process.WriteLineAsync(line))
        {
            _pending.TryRemove(id, out _);
            throw new CodexRpcException($"codex exited before {method} could be sent");
        }
        try
        {
            return await answer.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public Task<bool> NotifyAsync(string method) => process.WriteLineAsync(new JsonObject { ["method"] = method }.ToJsonString());

    public Task<bool> RespondAsync(JsonNode id, JsonNode result) =>
        process.WriteLineAsync(new JsonObject { ["id"] = id.DeepClone(), ["result"] = result }.ToJsonString());

    public Task<bool> RespondErrorAsync(JsonNode id, int code, string message) =>
        process.WriteLineAsync(new JsonObject
        {
            ["id"] = id.DeepClone(),
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        }.ToJsonString());

    /// <summary>Reads stdout to its end; then every request still waiting fails and <see cref="Incoming"/> completes.</summary>
    public async Task ReadAsync()
    {
        try
        {
            while (await process.Output.ReadLineAsync(CancellationToken.None) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                var message = Parse(line);
                if (message is null)
                {
                    _incoming.Writer.TryWrite(new CodexMessage(null, null, [], line));
                }
                else if (message["method"] is JsonValue method && method.TryGetValue<string>(out var name))
                {
                    _incoming.Writer.TryWrite(new CodexMessage(name, message["id"], message["params"] as JsonObject ?? [], line));
                }
                else if (message["id"] is JsonValue id && id.TryGetValue<long>(out var number) && _pending.TryGetValue(number, out var waiting))
                {
                    Answer(waiting, message);
                }
            }
        }
        finally
        {
            foreach (var waiting in _pending.Values)
            {
                waiting.TrySetException(new CodexRpcException("codex exited before it answered"));
            }
            _incoming.Writer.TryComplete();
        }
    }

    private static void Answer(TaskCompletionSource<JsonNode?> waiting, JsonObject message)
    {
        if (message["error"] is JsonObject error)
        {
            var text = error["message"] is JsonValue m && m.TryGetValue<string>(out var s) ? s : error.ToJsonString();
            waiting.TrySetException(new CodexRpcException(text));
            return;
        }
        waiting.TrySetResult(message["result"]?.DeepClone());
    }

    private static JsonObject? Parse(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
