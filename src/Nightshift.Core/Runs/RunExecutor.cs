using System.Globalization;
using System.Text.Json;
using Nightshift.Core.Agents;
using Nightshift.Core.Bridge;
using Nightshift.Core.Checks;
using Nightshift.Core.Comments;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Processes;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Core.Workspaces;
namespace Nightshift.Core.Runs;

/// <summary>
/// Runs one claimed attempt: prepare the worktree, run the agent, checkpoint its work as a
/// commit on the task branch (whatever the outcome, so nothing the agent wrote is lost), run the
/// acceptance checks, and hand the outcome to <see cref="RunOutcomes"/>. Every record goes through
/// <see cref="RunFence"/>; when the lease is lost the agent is stopped and only the discard is recorded.
/// </summary>
public sealed class RunExecutor(
    RunFence fence,
    RunWorkspace workspace,
    AgentCatalog agents,
    CheckRunner checks,
    ActiveRuns active,
    RunOutcomes outcomes)
{
    private const string Requeued = "interrupted by shutdown; queued again";

    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The least time between two checkpoint commits at the agent's turn boundaries.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a run whose checks fail goes back to its agent with the failure before it fails.</summary>
    public int FixupTurns { get; init; } = 2;

    /// <summary>Where runs get the developer's side of their session; none means nobody can talk to them.</summary>
    public FeedbackDesk? FeedbackDesk { get; init; }

    /// <summary>Issues each run its MCP bridge; none (or no server listening) means runs have no bridge.</summary>
    public BridgeIssuer? Bridges { get; init; }

    /// <summary>Marks every process a run starts, and stops what is left of them when its agent ends.</summary>
    public required Containments Processes { get; init; }

    /// <summary>How much of an agent's printed output each run shows as events.</summary>
    public OutputLimits OutputLimits { get; init; } = new();

    /// <summary>The port blocks runs hold; a run's own block reaches its agent, its setup script and its checks.</summary>
    public PortBlocks Ports { get; init; } = PortBlocks.Default;

    /// <summary>Where a run's printed output is kept, by run id; none keeps nothing and shows everything.</summary>
    public Func<long, string>? OutputFile { get; init; }

    public async Task ExecuteAsync(RunClaim claim, CancellationToken stopping)
    {
        var (task, run) = claim;
        using var lease = active.Start(run, stopping);
        using var contained = Processes.ForRun(run.Id.Value);
        using var timeoutCts = new CancellationTokenSource();
        if (task.Timeout is { } limit)
        {
            timeoutCts.CancelAfter(limit);
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(lease.Token, timeoutCts.Token);
        try
        {
            await fence.AppendAsync(lease, EventKind.RunStarted, $"Run {run.Attempt} started on {run.NodeId} with the {run.Agent} agent");
            if (agents.Find(task.Agent) is not { } runtime)
            {
                await outcomes.EndAsync(lease, run, RunState.Failed, $"no '{task.Agent}' agent on this node", TaskTrigger.Fail, $"the '{task.Agent}' agent is not available on node {run.NodeId}");
                return;
            }
            var planning = task.State == TaskState.Planning;
            if (planning && !runtime.Capabilities.PlanMode)
            {
                await outcomes.EndAsync(lease, run, RunState.Failed, $"the '{task.Agent}' agent cannot stop at a plan", TaskTrigger.Fail,
                    $"the spec asks for `plan: required`, but the '{task.Agent}' agent cannot show a plan and wait; use another agent or remove the plan gate, then `nightshift retry {task.Id}`");
                return;
            }
            var ports = Ports.Variables(run.PortBase);
            var prepared = await workspace.PrepareAsync(claim, lease, ports, linked.Token);
            var prompt = planning ? PlanPrompt.Planning(prepared.Prompt) : prepared.Prompt;
            for (var fixup = 0; ; fixup++)
            {
                var outcome = await RunAgentAsync(runtime, claim, lease, contained, prepared with { Prompt = prompt }, planning, linked.Token);
                if (lease.IsLost)
                {
                    // Another node may be working in this branch already: no checkpoint, no outcome.
                    throw new OperationCanceledException(lease.Token);
                }
                // The summary comes from the agent's outcome here, where the commit is made: a plan is no
                // commit subject, nor is a line that only says how the agent exited.
                var summary = outcome.Succeeded && !planning && !outcome.SummaryIsExitStatus ? outcome.Summary : null;
                var commit = await workspace.CheckpointAsync(claim, lease, prepared.Worktree, outcome.Succeeded ? "finished" : outcome.Error ?? "stopped", summary);
                if (stopping.IsCancellationRequested)
                {
                    await outcomes.EndAsync(lease, run, RunState.Interrupted, "the node is shutting down", TaskTrigger.Retry, Requeued);
                    return;
                }
                if (timeoutCts.IsCancellationRequested)
                {
                    await outcomes.FailOrRetryAsync(lease, run, RunState.TimedOut, $"timed out after {task.Timeout}", task.MaxRetries);
                    return;
                }
                if (lease.Token.IsCancellationRequested)
                {
                    await outcomes.EndAsync(lease, run, RunState.Cancelled, "cancelled", null, null);
                    return;
                }
                if (outcome.Limit is { } limited)
                {
                    await outcomes.LimitAsync(lease, run, limited);
                    return;
                }
                if (!outcome.Succeeded)
                {
                    await outcomes.FailOrRetryAsync(lease, run, RunState.Failed, outcome.Error ?? "the agent failed", task.MaxRetries);
                    return;
                }
                if (planning)
                {
                    await ShowPlanAsync(lease, run, outcome, task.MaxRetries);
                    return;
                }
                if (await VerifyAsync(claim, lease, prepared.Worktree, commit, outcome, fixup < FixupTurns, ports, linked.Token) is not { } failed)
                {
                    return;
                }
                // A failing check is not the end: the agent gets the failure as feedback and another
                // turn to fix it, before the task ever reaches review.
                await fence.TransitionAsync(lease, TaskTrigger.ChecksFailed, $"fix-up turn {fixup + 1} of {FixupTurns}: `{failed.Command}` failed", linked.Token);
                prompt = FixupPrompt(runtime.Capabilities.Resume && run.SessionId is not null, prepared.Prompt, failed);
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            await EndStoppedAsync(claim, lease, stopping.IsCancellationRequested, timeoutCts.IsCancellationRequested);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed run is data: whatever broke (a worktree that could not be made, a bad
            // project file) is recorded on the run and the task, and the worker goes on.
            await outcomes.FailOrRetryAsync(lease, run, RunState.Failed, ex.Message, task.MaxRetries);
        }
        finally
        {
            active.End(lease);
            workspace.ForgetRunFiles(run);
        }
    }

    private async Task EndStoppedAsync(RunClaim claim, RunLease lease, bool shuttingDown, bool timedOut)
    {
        var (task, run) = claim;
        if (lease.IsLost)
        {
            // Another node has the task now: this node records nothing about the run but the discard.
            await fence.RecordDiscardedAsync(lease, "the agent was stopped when the lease was found lost");
        }
        else if (shuttingDown)
        {
            await outcomes.EndAsync(lease, run, RunState.Interrupted, "interrupted", TaskTrigger.Retry, Requeued);
        }
        else if (timedOut)
        {
            await outcomes.FailOrRetryAsync(lease, run, RunState.TimedOut, $"timed out after {task.Timeout}", task.MaxRetries);
        }
        else
        {
            await outcomes.EndAsync(lease, run, RunState.Cancelled, "cancelled", null, null);
        }
    }

    /// <summary>
    /// Ends a planning run with its plan (the agent's last message) waiting for a human. The run
    /// ends here, so nothing holds an agent or a place under the concurrency limit while it waits.
    /// </summary>
    private async Task ShowPlanAsync(RunLease lease, RunRecord run, AgentOutcome outcome, int maxRetries)
    {
        var plan = string.IsNullOrWhiteSpace(outcome.LastMessage) ? outcome.Summary?.Trim() : outcome.LastMessage.Trim();
        if (string.IsNullOrEmpty(plan))
        {
            await outcomes.FailOrRetryAsync(lease, run, RunState.Failed, "the agent ended its planning run without a plan", maxRetries);
            return;
        }
        await fence.AppendAsync(lease, EventKind.Plan, "Plan ready for approval", plan);
        await outcomes.EndAsync(lease, run, RunState.Succeeded, null, TaskTrigger.PlanReady, "plan ready for approval", t => t.PlanText = plan);
    }

    private async Task<AgentOutcome> RunAgentAsync(IAgentRuntime runtime, RunClaim claim, RunLease lease, Containment contained, PreparedRun prepared, bool planOnly, CancellationToken cancellationToken)
    {
        var (task, run) = claim;
        var output = OutputFile is null ? null : new RunOutputLog(OutputFile(run.Id.Value), OutputLimits, fence.Time);
        await using var batcher = new EventBatcher(fence, lease, output);
        IAgentFeedback feedback = new CheckpointingFeedback(
            FeedbackDesk?.For(lease) ?? NoFeedback.Instance,
            batcher.FlushAsync,
            () => workspace.CheckpointAsync(claim, lease, prepared.Worktree, "checkpoint at a turn boundary"),
            CheckpointInterval,
            fence.Time);
        // The token lives as long as this session: disposing the ticket at the end kills it.
        using var bridge = FeedbackDesk is null ? null : Bridges?.Issue(lease, feedback, batcher.FlushAsync);
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
            Feedback = bridge?.Bridge ?? feedback,
            Bridge = bridge?.Endpoint,
            PlanOnly = planOnly,
            AgentConfig = prepared.AgentConfig,
            Environment = new Dictionary<string, string>(Ports.Variables(run.PortBase).Concat(contained.Variables)),
            ProcessStarted = pid =>
            {
                contained.Adopt(pid);
                return RecordAgentProcessAsync(lease, pid);
            },
        };
        string? lastMessage = null;
        AgentOutcome outcome;
        try
        {
            outcome = await runtime.RunAsync(request, e =>
            {
                if (e.Kind == AgentEventKind.Message)
                {
                    lastMessage = e.Text;
                }
                return batcher.EmitAsync(e);
            }, cancellationToken);
        }
        finally
        {
            // Whatever way the agent ended (done, failed, stopped, or an error on the way out): what
            // it started and left running is stopped here, before its work is checkpointed or
            // checked and before the task moves on, so nothing writes in the worktree after this.
            await StopLeftoversAsync(lease, contained);
        }
        await batcher.DisposeAsync();
        run.ExitCode = outcome.ExitCode;
        run.SessionId = outcome.SessionId ?? run.SessionId;
        return outcome with { LastMessage = lastMessage };
    }

    private async Task StopLeftoversAsync(RunLease lease, Containment contained)
    {
        var stopped = await contained.StopAllAsync(StopGracePeriod);
        if (stopped > 0)
        {
            // Tried, not required: a run whose lease is lost records nothing more, and its leftovers are stopped all the same.
            await fence.TryAppendManyAsync(lease, [(EventKind.LeftoversStopped,
                string.Create(CultureInfo.InvariantCulture, $"Stopped {stopped} process(es) the agent left running when it ended"),
                JsonSerializer.Serialize(new { stopped }))]);
        }
    }

    /// <summary>
    /// Records the agent process on the run, so that the node that reaps the run, should this one
    /// die, stops it rather than leave it writing in the worktree next to the run that follows.
    /// Refused when the lease is lost: then this node stops the agent itself.
    /// </summary>
    private async ValueTask RecordAgentProcessAsync(RunLease lease, int pid)
    {
        if (ProcessIdentity.Of(pid) is { } process)
        {
            await fence.TryRecordAgentProcessAsync(lease, process);
        }
    }

    /// <summary>
    /// Runs the checks on the checkpointed commit. All passing ends the run in review. A failure
    /// ends it (retry or Failed) unless <paramref name="mayFixUp"/>, when the failing check is
    /// returned for another agent turn.
    /// </summary>
    private async Task<CheckResult?> VerifyAsync(
        RunClaim claim, RunLease lease, Worktree worktree, string? commit, AgentOutcome outcome, bool mayFixUp, IReadOnlyDictionary<string, string> ports, CancellationToken cancellationToken)
    {
        var (task, run) = claim;
        // The summary is kept on the run, where the review reads it; the change's reason shows it in the log.
        await fence.TransitionAsync(lease, TaskTrigger.AgentFinished, outcome.Summary, cancellationToken, (_, stored, _) => stored.Summary = outcome.Summary);
        foreach (var command in task.Checks)
        {
            var result = await checks.RunAsync(command, worktree.Path, commit, ports, cancellationToken);
            var data = JsonSerializer.Serialize(result);
            await fence.AppendAsync(lease, EventKind.Check,
                $"{(result.Passed ? "passed" : "FAILED")}: {command}{(result.TimedOut ? " (timed out)" : result.Passed ? string.Empty : $" (exit {result.ExitCode})")}", data);
            if (!result.Passed)
            {
                if (mayFixUp)
                {
                    return result;
                }
                await outcomes.FailOrRetryAsync(lease, run, RunState.Failed, $"check failed: {command}", task.MaxRetries);
                return null;
            }
        }
        await outcomes.EndAsync(lease, run, RunState.Succeeded, null, TaskTrigger.ChecksPassed,
            task.Checks.Count == 0 ? "no checks configured" : $"{task.Checks.Count} check(s) passed on {commit?[..12]}");
        return null;
    }

    /// <summary>
    /// What the agent hears after a failing check: the whole task again, unless it continues its
    /// own session (a runtime that can resume and a session to resume; a runtime that resumes but
    /// reported no session starts fresh and needs the task too).
    /// </summary>
    private static string FixupPrompt(bool continuesSession, string original, CheckResult failed)
    {
        var failure = $"""
            ## An acceptance check failed

            `{failed.Command}` {(failed.TimedOut ? "timed out" : $"exited with code {failed.ExitCode}")}. The end of its output:

            ```
            {failed.OutputTail.TrimEnd()}
            ```

            Fix the cause so that the check passes; do not change or skip the check.
            """;
        return FollowUpPrompt.Compose(continuesSession, original, failure);
    }
}
