using System.Globalization;

namespace Nightshift.Core.Processes;

/// <summary>
/// A cgroup v2 of its own for one run or check, where the machine lets this process make one
/// (root, or a delegated subtree): every process in it, whatever group or session it moved to,
/// is listed in <c>cgroup.procs</c> and ended at once by <c>cgroup.kill</c>. Made under this
/// process's own cgroup, named <see cref="NamePrefix"/> and the containment's mark.
/// </summary>
internal sealed class ControlGroup
{
    public const string NamePrefix = "nightshift-";

    private ControlGroup(string path) => Path = path;

    public string Path { get; }

    /// <summary>The folder where this process's cgroups are made; null where there is no writable cgroup v2.</summary>
    public static string? Parent { get; } = FindParent();

    public static ControlGroup? TryCreate(string name)
    {
        if (Parent is not { } parent)
        {
            return null;
        }
        var path = System.IO.Path.Combine(parent, NamePrefix + name);
        try
        {
            Directory.CreateDirectory(path);
            return new ControlGroup(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The cgroups of ours whose name starts with <see cref="NamePrefix"/> and <paramref name="name"/>.</summary>
    public static IEnumerable<ControlGroup> Existing(string name)
    {
        if (Parent is not { } parent)
        {
            return [];
        }
        try
        {
            return Directory.EnumerateDirectories(parent, NamePrefix + name + "*").Select(p => new ControlGroup(p)).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// Makes a process that <paramref name="startInfo"/> starts through <c>setsid</c> enter its
    /// containment's cgroup (named by the mark in its environment, when there is one) before it runs
    /// anything: a shell writes its own pid into <c>cgroup.procs</c>, then execs the command in
    /// place, so the pid stays the group's leader and nothing it forks is ever outside the cgroup.
    /// </summary>
    public static void EnterAtStart(System.Diagnostics.ProcessStartInfo startInfo)
    {
        if (Parent is not { } parent || !string.Equals(startInfo.FileName, "setsid", StringComparison.Ordinal)
            || !startInfo.Environment.TryGetValue(ProcessMark.Variable, out var mark) || mark is null)
        {
            return;
        }
        var procs = System.IO.Path.Combine(parent, NamePrefix + mark, "cgroup.procs");
        if (!File.Exists(procs))
        {
            return;
        }
        // A failed write (the cgroup went away) is no reason not to run: the mark still holds.
        string[] wrapper = ["sh", "-c", "echo $$ > \"$0\" 2>/dev/null; exec \"$@\"", procs];
        for (var i = wrapper.Length - 1; i >= 0; i--)
        {
            startInfo.ArgumentList.Insert(0, wrapper[i]);
        }
    }

    /// <summary>Moves the process into this cgroup; false when it could not (it ended, or the move is not allowed).</summary>
    public bool Add(int pid) => TryWrite("cgroup.procs", pid.ToString(CultureInfo.InvariantCulture));

    public IReadOnlyList<int> Pids()
    {
        try
        {
            return [.. File.ReadLines(System.IO.Path.Combine(Path, "cgroup.procs"))
                .Select(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
                .Where(p => p > 0)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>KILLs every process in the cgroup, those it forks meanwhile included (cgroup.kill, Linux 5.14 and later).</summary>
    public bool Kill() => TryWrite("cgroup.kill", "1");

    /// <summary>Removes the cgroup once it is empty; left in place (and found again at the next start) when it is not.</summary>
    public void Remove()
    {
        try
        {
            Directory.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private bool TryWrite(string file, string text)
    {
        try
        {
            File.WriteAllText(System.IO.Path.Combine(Path, file), text);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string? FindParent()
    {
        if (!OperatingSystem.IsLinux() || ProcFs.ControlGroup(Environment.ProcessId) is not { } own)
        {
            return null;
        }
        // A unified hierarchy at /sys/fs/cgroup, or the hybrid layout's cgroup v2 at /sys/fs/cgroup/unified.
        foreach (var mount in new[] { "/sys/fs/cgroup", "/sys/fs/cgroup/unified" })
        {
            if (File.Exists(System.IO.Path.Combine(mount, "cgroup.controllers")))
            {
                var parent = System.IO.Path.Join(mount, own.TrimStart('/'));
                var probe = System.IO.Path.Combine(parent, NamePrefix + "probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                try
                {
                    Directory.CreateDirectory(probe);
                    Directory.Delete(probe);
                    return parent;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return null;
                }
            }
        }
        return null;
    }
}
