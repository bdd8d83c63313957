using System.Runtime.InteropServices;

namespace Nightshift.Core.Processes;

/// <summary>POSIX signals to a process group; .NET only offers KILL to one process or a tree.</summary>
internal static partial class Signals
{
    public const int Term = 15;
    public const int Kill = 9;

    /// <summary>Sends <paramref name="signal"/> to every process in the group led by <paramref name="pid"/>.</summary>
    public static bool SendToGroup(int pid, int signal) =>
        !OperatingSystem.IsWindows() && NativeKill(-pid, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to one process.</summary>
    public static bool Send(int pid, int signal) =>
        !OperatingSystem.IsWindows() && pid > 0 && NativeKill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int sig);
}
