using System.Text.Json;
using Nightshift.Core.Agents;
using Nightshift.Core.Checks;
using Nightshift.Core.Comments;
using Nightshift.Core.Events;
using Nightshift.Core.Runs;
using Nightshift.Core.Tasks;
using Nightshift.Core.Workspaces;

namespace Nightshift.Core.Dispatch;

/// <summary>
/// Runs one claimed attempt: prepare the worktree, run the agent, checkpoint its work as a
/// commit on the task branch (whatever the outcome, so nothing the agent wrote is lost), run the
/// acceptance checks, and hand the outcome to <see cref="RunOutcomes"/>.
/// </summary>
public sealed class RunExecutor(
    TaskBoard board,
    RunWorkspace workspace,
    AgentCatalog agents,
    CheckRunner checks,
    ActiveRuns active,
    RunOutcomes outcomes)
{
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where runs get the developer's side of their session; none means nobody can talk to them.</summary>
    public FeedbackDesk? FeedbackDesk { get; init; }

    public async Task ExecuteAsync(Claim claim, CancellationToken stopping)
    {
        var (task, run) = claim;
        using var runCts = active.Start(task.Id, stopping);
        using var timeoutCts = new CancellationTokenSource();
        if (task.Timeout is { } limit)
        {
            timeoutCts.CancelAfter(limit);
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(runCts.Token, timeoutCts.Token);
        try
        {
            await board.AppendAsync(task.Id, run.Id, EventKind.RunStarted, $"Run {run.Attempt} started on {run.NodeId} with the {run.Agent} agent", null, CancellationToken.None);
            if (agents.Find(task.Agent) is not { } runtime)
            {
                await outcomes.EndAsync(run, RunState.Failed, $"no '{task.Agent}' agent on this node", TaskTrigger.Fail, $"the '{task.Agent}' agent is not available on node {run.NodeId}");
                return;
            }
            var prepared = await workspace.PrepareAsync(claim, linked.Token);
            var outcome = await RunAgentAsync(runtime, claim, prepared, linked.Token);
            var commit = await workspace.CheckpointAsync(claim, prepared.Worktree, outcome.Succeeded ? "finished" : outcome.Error ?? "stopped");

            if (stopping.IsCancellationRequested)
            {
                await outcomes.EndAsync(run, RunState.Interrupted, "the node is shutting down", TaskTrigger.Retry, "interrupted by shutdown; resumes on the next start");
            }
            else if (timeoutCts.IsCancellationRequested)
            {
                await outcomes.FailOrRetryAsync(run, RunState.TimedOut, $"timed out after {task.Timeout}", task.MaxRetries);
            }
            else if (runCts.IsCancellationRequested)
            {
                await outcomes.EndAsync(run, RunState.Cancelled, "cancelled", null, null);
            }
            else if (!outcome.Succeeded)
            {
                await outcomes.FailOrRetryAsync(run, RunState.Failed, outcome.Error ?? "the agent failed", task.MaxRetries);
            }
            else
            {
                await VerifyAsync(claim, prepared.Worktree, commit, outcome, linked.Token);
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            var state = stopping.IsCancellationRequested ? RunState.Interrupted : timeoutCts.IsCancellationRequested ? RunState.TimedOut : RunState.Cancelled;
            var trigger = state == RunState.Interrupted ? TaskTrigger.Retry : (TaskTrigger?)null;
            if (state == RunState.TimedOut)
            {
                await outcomes.FailOrRetryAsync(run, state, $"timed out after {task.Timeout}", task.MaxRetries);
            }
            else
            {
                await outcomes.EndAsync(run, state, state.ToString().ToLowerInvariant(), trigger, trigger is null ? null : "interrupted by shutdown; resumes on the next start");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed run is data: whatever broke (a worktree that could not be made, a bad
            // project file) is recorded on the run and the task, and the worker goes on.
            await outcomes.FailOrRetryAsync(run, RunState.Failed, ex.Message, task.MaxRetries);
        }
        finally
        {
            active.End(task.Id);
        }
    }

    private async Task<AgentOutcome> RunAgentAsync(IAgentRuntime runtime, Claim claim, PreparedRun prepared, CancellationToken cancellationToken)
    {
        var (task, run) = claim;
        var request = new AgentRunRequest
        {
            TaskId = task.Id.Value,
            RunId = run.Id.Value,
            Attempt = run.Attempt,
            WorktreePath = prepared.Worktree.Path,
            Prompt = prepared.Prompt,
            SpecFilePath = prepared.SpecFilePath,
            Command = task.Command,
            Model = task.Model,
            ResumeSessionId = run.SessionId,
            StopGracePeriod = StopGracePeriod,
            Feedback = FeedbackDesk?.For(task.Id, run.Id) ?? NoFeedback.Instance,
        };
        await using var batcher = new EventBatcher(board, task.Id, run.Id);
        var outcome = await runtime.RunAsync(request, batcher.EmitAsync, cancellationToken);
        await batcher.DisposeAsync();
        run.InputTokens = batcher.InputTokens;
        run.OutputTokens = batcher.OutputTokens;
        run.CostUsd = batcher.CostUsd;
        run.ExitCode = outcome.ExitCode;
        run.SessionId = outcome.SessionId ?? run.SessionId;
        return outcome;
    }

    private async Task VerifyAsync(Claim claim, Worktree worktree, string? commit, AgentOutcome outcome, CancellationToken cancellationToken)
    {
        var (task, run) = claim;
        await board.TransitionAsync(task.Id, TaskTrigger.AgentFinished, outcome.Summary, run.Id, cancellationToken);
        foreach (var command in task.Checks)
        {
            var result = await checks.RunAsync(command, worktree.Path, commit, cancellationToken);
            var data = JsonSerializer.Serialize(result);
            await board.AppendAsync(task.Id, run.Id, EventKind.Check,
                $"{(result.Passed ? "passed" : "FAILED")}: {command}{(result.TimedOut ? " (timed out)" : result.Passed ? string.Empty : $" (exit {result.ExitCode})")}", data, cancellationToken);
            if (!result.Passed)
            {
                await outcomes.FailOrRetryAsync(run, RunState.Failed, $"check failed: {command}", task.MaxRetries);
                return;
            }
        }
        await outcomes.EndAsync(run, RunState.Succeeded, null, TaskTrigger.ChecksPassed,
            task.Checks.Count == 0 ? "no checks configured" : $"{task.Checks.Count} check(s) passed on {commit?[..12]}");
    }
}
