using System.Globalization;

namespace Nightshift.Core.Processes;

/// <summary>
/// One exact process on one machine: its pid, the machine's boot id and the process's start time
/// (clock ticks after boot, field 22 of /proc/&lt;pid&gt;/stat). A pid alone is reused once its
/// process ends; with the boot and the start time it names that process and no other, so a signal
/// sent after <see cref="IsRunningHere"/> never reaches a stranger that got the same pid. Linux only.
/// </summary>
public readonly record struct ProcessIdentity(int Pid, string BootId, long StartTime)
{
    private static readonly Lazy<string?> ThisBoot = new(ReadBootId);

    /// <summary>This machine's boot id; null when not on Linux.</summary>
    public static string? CurrentBootId => ThisBoot.Value;

    /// <summary>The identity of the running process <paramref name="pid"/>; null when not on Linux or it has already ended.</summary>
    public static ProcessIdentity? Of(int pid) =>
        CurrentBootId is { } boot && Stat(pid) is { } fields && StartTimeIn(fields) is { } started ? new ProcessIdentity(pid, boot, started) : null;

    /// <summary>True when this machine is the one the process ran on (same boot).</summary>
    public bool IsOnThisMachine => CurrentBootId is { } boot && string.Equals(boot, BootId, StringComparison.Ordinal);

    /// <summary>
    /// True while this very process still exists here: same boot, and the pid's start time is the
    /// recorded one. A zombie counts: its pid, and the process group it led, cannot be reused yet.
    /// </summary>
    public bool IsRunningHere() => IsOnThisMachine && Stat(Pid) is { } fields && StartTimeIn(fields) == StartTime;

    /// <summary>Like <see cref="IsRunningHere"/>, but a zombie does not count: it runs nothing, and waits only to be reaped.</summary>
    public bool IsLiveHere() => IsOnThisMachine && Stat(Pid) is { } fields && StartTimeIn(fields) == StartTime && fields[0] is not ("Z" or "X");

    private static long? StartTimeIn(string[] fields) =>
        fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;

    /// <summary>The fields of /proc/&lt;pid&gt;/stat from the state on (field 3 is index 0); null when there is no such process.</summary>
    private static string[]? Stat(int pid)
    {
        if (!OperatingSystem.IsLinux() || pid <= 0)
        {
            return null;
        }
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // "123 (name) S 45 ...": the name may hold spaces and parentheses, so fields count from its last ')'.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // it ended, or was never there
        }
    }

    private static string? ReadBootId()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
