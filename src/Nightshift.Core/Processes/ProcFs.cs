using System.Globalization;

namespace Nightshift.Core.Processes;

/// <summary>What /proc tells about other processes of this user: their ids, parents, environment marks and control groups. Linux only.</summary>
internal static class ProcFs
{
    /// <summary>The ids of the processes that exist now; none when not on Linux.</summary>
    public static IEnumerable<int> Pids()
    {
        if (!OperatingSystem.IsLinux())
        {
            yield break;
        }
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    /// <summary>
    /// The value of <paramref name="variable"/> in the environment the process started with; null
    /// when it has none, ended, is a zombie (its environment is gone) or belongs to another user.
    /// </summary>
    public static string? Variable(int pid, string variable)
    {
        byte[] environ;
        try
        {
            environ = File.ReadAllBytes($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/environ");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var prefix = variable + "=";
        foreach (var entry in System.Text.Encoding.UTF8.GetString(environ).Split('\0'))
        {
            if (entry.StartsWith(prefix, StringComparison.Ordinal))
            {
                return entry[prefix.Length..];
            }
        }
        return null;
    }

    /// <summary>The process's parent; null when it ended.</summary>
    public static int? Parent(int pid)
    {
        var fields = Stat(pid);
        return fields is { Length: > 1 } && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;
    }

    /// <summary>The process's cgroup v2 path ("0::/a/b"), or null.</summary>
    public static string? ControlGroup(int pid)
    {
        try
        {
            return File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cgroup")
                .FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // "123 (name) S 45 ...": the name may hold spaces and parentheses, so fields count from its last ')'.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
