namespace Nightshift.Core.Processes;

/// <summary>
/// The environment variable that marks every process started for one run or one check. A child
/// inherits its parent's environment, so the mark reaches everything the agent starts: children in
/// groups and sessions of their own (setsid), daemons, processes re-parented to init. /proc shows
/// each process's starting environment to its own user, so a scan finds them all by the mark.
/// </summary>
public static class ProcessMark
{
    public const string Variable = "NIGHTSHIFT_RUN_MARK";

    private static readonly Lazy<string?> OwnControlGroup = new(() => ProcFs.ControlGroup(Environment.ProcessId));

    private static readonly Lazy<HashSet<string>> OwnMarks = new(() => MarksOf(Environment.ProcessId).ToHashSet(StringComparer.Ordinal));

    /// <summary>The mark <paramref name="pid"/> started with; null when it has none or cannot be read.</summary>
    public static string? Of(int pid) => ProcFs.Variable(pid, Variable);

    /// <summary>
    /// The live processes whose mark matches, this process excepted. A zombie has no environment
    /// left and is not listed: it runs nothing and waits only to be reaped.
    /// </summary>
    public static IReadOnlyList<ProcessIdentity> Find(Func<string, bool> matches)
    {
        var self = Environment.ProcessId;
        var found = new List<ProcessIdentity>();
        foreach (var pid in ProcFs.Pids())
        {
            if (pid != self && Of(pid) is { } mark && matches(mark) && ProcessIdentity.Of(pid) is { } identity)
            {
                found.Add(identity);
            }
        }
        return found;
    }

    /// <summary>
    /// True when <paramref name="pid"/> was started by an agent or a check of any Nightshift: it or
    /// one of its ancestors carries a mark, or it sits in a containment's cgroup. The ancestors
    /// count because a process may start a child with an emptied environment. A mark or cgroup this
    /// process is in itself does not count: a Nightshift that an agent started (to test itself) is
    /// the agent's own, and so are its callers.
    /// </summary>
    public static bool IsContained(int pid)
    {
        if (ProcFs.ControlGroup(pid) is { } group && group.Contains("/" + ControlGroup.NamePrefix, StringComparison.Ordinal)
            && !string.Equals(group, OwnControlGroup.Value, StringComparison.Ordinal))
        {
            return true;
        }
        return MarksOf(pid).Except(OwnMarks.Value, StringComparer.Ordinal).Any();
    }

    /// <summary>The marks of the process and of its ancestors.</summary>
    private static IEnumerable<string> MarksOf(int pid)
    {
        var seen = new HashSet<int>();
        for (int? current = pid; current is > 1 && seen.Add(current.Value); current = ProcFs.Parent(current.Value))
        {
            if (Of(current.Value) is { } mark)
            {
                yield return mark;
            }
        }
    }
}
