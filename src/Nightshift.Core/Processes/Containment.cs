namespace Nightshift.Core.Processes;

/// <summary>
/// Everything one run or one check starts: each of its processes carries <see cref="Mark"/> in
/// its environment (<see cref="Variables"/>), and, where the machine allows, is moved into a
/// cgroup of its own as it starts (<see cref="Adopt"/>). <see cref="StopAllAsync"/> stops what
/// is left of it, whatever group or session it moved to. Disposing forgets it as a live one.
/// </summary>
public sealed class Containment : IDisposable
{
    private readonly ControlGroup? _group;
    private readonly Action<Containment> _forget;
    private readonly TimeProvider _time;

    internal Containment(string mark, ControlGroup? group, Action<Containment> forget, TimeProvider time)
    {
        Mark = mark;
        _group = group;
        _forget = forget;
        _time = time;
        Variables = new Dictionary<string, string> { [ProcessMark.Variable] = mark };
    }

    public string Mark { get; }

    /// <summary>The variables every process of this containment starts with.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>True when the processes are also held in a cgroup, not only marked.</summary>
    public bool HasControlGroup => _group is not null;

    /// <summary>
    /// Moves a process just started into the cgroup, when there is one. What it forked before the
    /// move stays outside the cgroup, but carries the mark.
    /// </summary>
    public void Adopt(int pid) => _group?.Add(pid);

    /// <summary>
    /// Stops every process of this containment still alive: TERM, <paramref name="grace"/>, KILL,
    /// until none is left. Returns how many there were.
    /// </summary>
    public Task<int> StopAllAsync(TimeSpan grace) =>
        LeftoverStop.StopAsync(m => string.Equals(m, Mark, StringComparison.Ordinal), _group is null ? [] : [_group], grace, _time, removeGroups: false);

    public void Dispose()
    {
        _forget(this);
        _group?.Remove();
    }
}
