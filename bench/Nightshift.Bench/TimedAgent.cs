using System.Collections.Concurrent;
using Nightshift.Core.Agents;

namespace Nightshift.Bench;

/// <summary>The real command agent, with the moment the engine handed it each run noted: that is "agent start".</summary>
internal sealed class TimedAgent(IAgentRuntime inner) : IAgentRuntime
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<long>> _started = new();

    public string Name => inner.Name;

    public AgentCapabilities Capabilities => inner.Capabilities;

    /// <summary>Completes with the timestamp (<see cref="TimeProvider.GetTimestamp"/>) at which the task's first agent started.</summary>
    public Task<long> StartedAsync(long taskId) => Source(taskId).Task;

    public Task<AgentOutcome> RunAsync(AgentRunRequest request, Func<AgentEvent, ValueTask> emit, CancellationToken cancellationToken)
    {
        Source(request.TaskId).TrySetResult(TimeProvider.System.GetTimestamp());
        return inner.RunAsync(request, emit, cancellationToken);
    }

    private TaskCompletionSource<long> Source(long taskId) =>
        _started.GetOrAdd(taskId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
}
