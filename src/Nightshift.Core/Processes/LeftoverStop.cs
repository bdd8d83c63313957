namespace Nightshift.Core.Processes;

/// <summary>
/// Stops every process of a run or check that is still alive: those carrying its mark and those
/// in its cgroup. TERM first and a grace period, then KILL, again and again until none is found,
/// since a process may fork while it is being stopped.
/// </summary>
internal static class LeftoverStop
{
    private const int MostRounds = 100;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Returns how many distinct processes were found alive and stopped. <paramref name="removeGroups"/>
    /// removes the emptied cgroups after: those of a previous process; a live containment keeps its
    /// own for the agent's next turn.
    /// </summary>
    public static async Task<int> StopAsync(Func<string, bool> marks, IReadOnlyList<ControlGroup> groups, TimeSpan grace, TimeProvider time, bool removeGroups)
    {
        var stopped = new HashSet<ProcessIdentity>();
        for (var round = 0; round < MostRounds; round++)
        {
            var found = Find(marks, groups);
            if (found.Count == 0)
            {
                break;
            }
            stopped.UnionWith(found);
            if (round == 0)
            {
                Signal(found, Signals.Term);
                var started = time.GetTimestamp();
                while (found.Any(p => p.IsLiveHere()) && time.GetElapsedTime(started) < grace)
                {
                    await Task.Delay(PollEvery, time, CancellationToken.None);
                }
            }
            Signal(found, Signals.Kill);
            foreach (var group in groups)
            {
                group.Kill();
            }
            // KILL is delivered before the kill() call returns, but a process leaves /proc's listing only once it is reaped.
            await Task.Delay(PollEvery, time, CancellationToken.None);
        }
        foreach (var group in removeGroups ? groups : [])
        {
            group.Remove();
        }
        return stopped.Count;
    }

    private static List<ProcessIdentity> Find(Func<string, bool> marks, IReadOnlyList<ControlGroup> groups)
    {
        var found = ProcessMark.Find(marks).ToHashSet();
        foreach (var pid in groups.SelectMany(g => g.Pids()))
        {
            if (ProcessIdentity.Of(pid) is { } identity && identity.IsLiveHere())
            {
                found.Add(identity);
            }
        }
        return [.. found.Where(p => p.IsLiveHere())];
    }

    private static void Signal(IEnumerable<ProcessIdentity> processes, int signal)
    {
        foreach (var process in processes)
        {
            // Only the very process found: a pid reused meanwhile by a stranger is not signalled.
            if (process.IsRunningHere())
            {
                Signals.Send(process.Pid, signal);
            }
        }
    }
}
