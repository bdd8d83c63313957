using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Nightshift.Core.Agents;
using Nightshift.Core.Comments;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Bridge;

/// <summary>
/// Issues each run its bridge endpoint and token, and checks tokens presented to the bridge.
/// The server tells it its URL once it listens; until then (or in a process with no server)
/// runs get no bridge.
/// </summary>
/// <remarks>
/// A token is 32 random bytes, made when the run starts and handed only to the run's agent. This
/// process keeps only its SHA-256, next to the run it belongs to, and only while the run lasts:
/// the bridge answers through the run's own lease and session, which live in this process, so a
/// token outliving the run (or the process) would open nothing and is not kept anywhere.
/// </remarks>
public sealed class BridgeIssuer(RunFence fence, TaskBoard board, FeedbackDesk desk)
{
    /// <summary>Where the run endpoints live under the server's URL: <c>mcp/runs/{runId}</c>.</summary>
    public const string RunsPath = "mcp/runs";

    private readonly ConcurrentDictionary<RunId, (byte[] Hash, RunBridge Bridge)> _runs = new();
    private Uri? _runsBase;

    /// <summary>How long ask_question holds the call for an answer; see <see cref="RunBridge.AskAsync"/>.</summary>
    public TimeSpan AnswerWait { get; set; } = AgentBridgeEndpoint.LongestCall;

    private readonly TaskCompletionSource _served = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Called by the server once it listens.</summary>
    public void Serve(Uri serverUrl)
    {
        Volatile.Write(ref _runsBase, new Uri(serverUrl, RunsPath + "/"));
        _served.TrySetResult();
    }

    /// <summary>Completes once the server listens and runs can be given a bridge; a worker in the server waits for it before its first claim.</summary>
    public Task WaitUntilServedAsync(CancellationToken cancellationToken) => _served.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// A new token and endpoint for the run, or null when no server serves the bridge.
    /// <paramref name="runtimeFeedback"/> is what the runtime would get; the ticket's bridge wraps it.
    /// </summary>
    public BridgeTicket? Issue(RunLease lease, IAgentFeedback runtimeFeedback, Func<Task> flush)
    {
        if (Volatile.Read(ref _runsBase) is not { } runsBase)
        {
            return null;
        }
        var token = "nsr_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var bridge = new RunBridge(lease, fence, board, desk.For(lease), runtimeFeedback, flush) { AnswerWait = AnswerWait };
        _runs[lease.RunId] = (Hash(token), bridge);
        var url = new Uri(runsBase, lease.RunId.Value.ToString(CultureInfo.InvariantCulture));
        return new BridgeTicket(new AgentBridgeEndpoint(url, token), bridge, () => _runs.TryRemove(lease.RunId, out _));
    }

    /// <summary>The bridge of run <paramref name="runId"/> when <paramref name="token"/> is that run's live token; null otherwise.</summary>
    public RunBridge? Find(long runId, string? token)
    {
        if (token is null || !_runs.TryGetValue(new RunId(runId), out var entry))
        {
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(Hash(token), entry.Hash) ? entry.Bridge : null;
    }

    /// <summary>Whether <paramref name="token"/> is some live run's token: such a token opens its run's bridge and nothing else.</summary>
    public bool IsRunToken(string? token)
    {
        if (token is null)
        {
            return false;
        }
        var hash = Hash(token);
        var found = false;
        foreach (var (_, entry) in _runs)
        {
            found |= CryptographicOperations.FixedTimeEquals(hash, entry.Hash);
        }
        return found;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
