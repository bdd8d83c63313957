using System.Threading.Channels;
using Nightshift.Core.Agents;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Tasks;
namespace Nightshift.Core.Runs;

/// <summary>
/// Writes an agent's events to the log in batches: a chatty agent prints thousands of lines,
/// and one durable transaction per line would make the log the bottleneck. Whatever was emitted
/// is written before <see cref="DisposeAsync"/> returns. Each batch goes through the fence: once the
/// run's lease is lost, the rest of what the agent says is dropped. The queue is bounded (an agent
/// that prints faster than the log writes waits), and printed output passes the run's
/// <see cref="RunOutputLog"/> first, so only what is within its limit becomes events.
/// </summary>
/// <remarks>
/// The tokens and cost a batch reported are added to the run's row in the batch's own transaction,
/// so the row shows a running run's usage so far, and sums it over the run's agent turns.
/// </remarks>
internal sealed class EventBatcher : IAsyncDisposable
{
    private const int MaxBatch = 200;

    /// <summary>The data of a tool event that is a result rather than a call.</summary>
    private const string ToolResultData = "{\"result\":true}";

    private const string ToolResultErrorData = "{\"result\":true,\"error\":true}";
    private const int MaxQueued = 1024;

    private readonly Channel<Pending> _channel = Channel.CreateBounded<Pending>(new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly RunFence _fence;
    private readonly RunLease _lease;
    private readonly RunOutputLog? _output;
    private readonly Task _pump;
    private long _emitted;
    private long _written;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The usage that events read since the last written batch reported; only the pump touches it.</summary>
    private RunUsage _unwritten;

    public EventBatcher(RunFence fence, RunLease lease, RunOutputLog? output = null)
    {
        _fence = fence;
        _lease = lease;
        _output = output;
        _pump = PumpAsync();
    }

    public async ValueTask EmitAsync(AgentEvent e)
    {
        if (e.Kind != AgentEventKind.Output || _output is null)
        {
            await EnqueueAsync(new Pending(e, default));
            return;
        }
        if (_output.Take(e.Text, e.IsError))
        {
            await EnqueueAsync(new Pending(e, default));
        }
        if (_output.Summary(final: false) is { } summary)
        {
            await EnqueueAsync(new Pending(null, summary));
        }
    }

    /// <summary>
    /// Returns once everything emitted so far is in the log, so a write that follows (a comment
    /// delivered, a question asked) lands after what the agent said before it.
    /// </summary>
    public async Task FlushAsync()
    {
        var target = Interlocked.Read(ref _emitted);
        while (true)
        {
            // The signal is read before the count: the pump counts before it signals, so a batch
            // written between the two still wakes this wait.
            var progress = Volatile.Read(ref _progress);
            if (Interlocked.Read(ref _written) >= target || _pump.IsCompleted)
            {
                return;
            }
            await progress.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_output?.Summary(final: true) is { } summary && !_pump.IsCompleted)
        {
            await EnqueueAsync(new Pending(null, summary));
        }
        _channel.Writer.TryComplete();
        await _pump;
        _output?.Dispose();
    }

    private ValueTask EnqueueAsync(Pending pending)
    {
        Interlocked.Increment(ref _emitted);
        return _channel.Writer.WriteAsync(pending);
    }

    private async Task PumpAsync()
    {
        var batch = new List<(string, string, string?)>(MaxBatch);
        Exception? failure = null;
        while (await _channel.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _channel.Reader.TryRead(out var pending))
            {
                batch.Add(pending.Event is { } e ? ToLogEntry(e) : pending.Entry);
            }
            try
            {
                // Shutdown must not drop what the agent already said: these writes are not cancelled.
                if (failure is null && !_lease.IsLost && await _fence.TryAppendManyAsync(_lease, batch, _unwritten))
                {
                    _unwritten = default;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The queue is bounded: after a failed write the pump goes on emptying it, so the agent
                // is never left waiting on a full queue; the failure surfaces when the batcher is disposed.
                failure = ex;
            }
            Interlocked.Add(ref _written, batch.Count);
            Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            batch.Clear();
        }
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>An agent's event, or an entry made here (an output summary).</summary>
    private readonly record struct Pending(AgentEvent? Event, (string Kind, string Message, string? Data) Entry);

    private (string Kind, string Message, string? Data) ToLogEntry(AgentEvent e)
    {
        switch (e.Kind)
        {
            case AgentEventKind.Usage:
                _unwritten = _unwritten.Plus(e.InputTokens, e.OutputTokens, e.CostUsd);
                return ("usage", e.Text, null);
            case AgentEventKind.Progress:
                return (EventKind.Progress, e.Percent is { } p ? $"{p}% {e.Text}" : e.Text, null);
            case AgentEventKind.Output:
                return (EventKind.Log, e.IsError ? $"! {e.Text}" : e.Text, null);
            case AgentEventKind.Message:
                return (EventKind.Message, e.Text, null);
            case AgentEventKind.ToolCall:
                return (EventKind.ToolCall, e.Text, null);
            case AgentEventKind.ToolResult:
                // Marked so a reader can fold each result under its call (runtimes word results differently).
                return (EventKind.ToolCall, e.Text, e.IsError ? ToolResultErrorData : ToolResultData);
            default:
                return (e.Kind.ToString().ToLowerInvariant(), e.Text, null);
        }
    }
}
