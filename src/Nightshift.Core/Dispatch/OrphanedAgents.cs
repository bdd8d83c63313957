using System.Globalization;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Processes;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Dispatch;

/// <summary>
/// Stops the agent a dead node left running. Every agent process starts in a process group of its
/// own (setsid), so when its node dies (kill -9, a crash) nothing stops it: it lives on as an
/// orphan and goes on writing in the task's worktree. The run records the group with what names
/// its leader exactly (<see cref="RunRecord.AgentProcess"/>); the <see cref="Reaper"/> calls this
/// before it hands the run back, so the next run never shares the worktree with the orphan.
/// A stop sends TERM to the group (and to the groups of the leader's descendants, where a CLI put
/// its commands), waits a short grace, then sends KILL.
/// </summary>
/// <remarks>
/// Only a process that is provably the one the run started is signalled: the recorded boot id is
/// this machine's and the pid's start time in /proc is the recorded one; a reused pid, or a process
/// on another machine, is left alone. So on another machine nothing is killed: a multi-machine
/// deployment relies on the node's own lease loss handling (a node that lives on and finds its
/// lease lost stops its agent). Not on Linux, nothing is recorded and nothing is stopped.
/// </remarks>
public sealed partial class OrphanedAgents(WorkerOptions options, Containments containments, TimeProvider time, ILogger<OrphanedAgents> logger)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The least of the stop grace period and half a heartbeat: the reaper runs on the heartbeat,
    /// which must go on to renew this node's own leases on time.
    /// </summary>
    public TimeSpan GracePeriod => options.StopGracePeriod < options.HeartbeatInterval / 2 ? options.StopGracePeriod : options.HeartbeatInterval / 2;

    /// <summary>
    /// Stops the run's agent if it still runs on this machine, and every other process the run
    /// started that is still alive (found by the run's mark, whatever group or session it moved
    /// to); what was done, for the task's events, or null when nothing was.
    /// </summary>
    public async Task<string?> StopAsync(RunRecord run)
    {
        var agent = await StopAgentAsync(run);
        var leftovers = await containments.StopRunAsync(run.NodeId, run.Id.Value, GracePeriod);
        if (leftovers > 0)
        {
            LogLeftovers(run.TaskId.Value, run.Attempt, run.NodeId, leftovers);
        }
        var more = leftovers > 0 ? string.Create(CultureInfo.InvariantCulture, $"stopped {leftovers} more process(es) the run had started") : null;
        return agent is null ? more is null ? null : $"Run {run.Attempt}, left running by node {run.NodeId}: {more}"
            : more is null ? agent : $"{agent}; {more}";
    }

    /// <summary>
    /// On start: stops what this node's previous process left running and no run accounts for
    /// (the checks of a merge gate, a run already ended); returns how many processes.
    /// </summary>
    public async Task<int> StopNodeLeftoversAsync()
    {
        var stopped = await containments.StopLeftoversAsync(GracePeriod);
        if (stopped > 0)
        {
            LogNodeLeftovers(options.NodeId, stopped);
        }
        return stopped;
    }

    private async Task<string?> StopAgentAsync(RunRecord run)
    {
        if (run.AgentProcess is not { } leader || !leader.IsRunningHere())
        {
            return null;
        }
        // Taken first: commands in groups of their own are found only while they are still its descendants.
        List<ProcessIdentity> group = [leader, .. ProcessTree.Descendants(leader.Pid).Select(ProcessIdentity.Of).OfType<ProcessIdentity>()];
        Signal(group, Signals.Term);
        var started = time.GetTimestamp();
        while (group.Any(p => p.IsLiveHere()) && time.GetElapsedTime(started) < GracePeriod)
        {
            await Task.Delay(PollEvery, time, CancellationToken.None);
        }
        var endedOnTerm = !group.Any(p => p.IsLiveHere());
        // Whatever the leader did: a child that ignored TERM may live on in the group.
        Signal(group, Signals.Kill);
        LogStopped(run.TaskId.Value, run.Attempt, run.NodeId, leader.Pid, endedOnTerm);
        var how = endedOnTerm
            ? "it ended on TERM"
            : string.Create(CultureInfo.InvariantCulture, $"it was still running {GracePeriod.TotalSeconds:0.#} s after TERM and was killed");
        return string.Create(CultureInfo.InvariantCulture, $"Stopped the orphaned agent (process group {leader.Pid}) of run {run.Attempt}, left running by node {run.NodeId}: {how}");
    }

    private static void Signal(IEnumerable<ProcessIdentity> processes, int signal)
    {
        foreach (var process in processes)
        {
            var same = process.IsRunningHere();
            // A group keeps its leader's pid as its id, and that pid is not handed out again while the
            // group has members: so while the pid is the leader's or nobody's, the group is the agent's.
            if (same || !Directory.Exists(string.Create(CultureInfo.InvariantCulture, $"/proc/{process.Pid}")))
            {
                Signals.SendToGroup(process.Pid, signal);
            }
            if (same)
            {
                Signals.Send(process.Pid, signal);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId}'s previous process left {Count} process(es) of its runs or checks running; stopped them")]
    private partial void LogNodeLeftovers(string nodeId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} run {Attempt}: node {NodeId} left {Count} more process(es) of the run running; stopped them")]
    private partial void LogLeftovers(long taskId, int attempt, string nodeId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} run {Attempt}: node {NodeId} left its agent (process group {ProcessGroup}) running; stopped it (ended on TERM: {EndedOnTerm})")]
    private partial void LogStopped(long taskId, int attempt, string nodeId, int processGroup, bool endedOnTerm);
}
