using System.Diagnostics;
using Nightshift.Core.Processes;
using Nightshift.Testing;

namespace Nightshift.Core.Tests.Dispatch;

/// <summary>
/// A real shell script started through setsid, leading its own process group as an agent does.
/// Disposing KILLs the group, so nothing outlives the test whatever it asserted.
/// </summary>
internal sealed class SessionLeader : IDisposable
{
    private readonly Process _process;

    private SessionLeader(Process process) => _process = process;

    public int Pid => _process.Id;

    /// <summary>The identity read from /proc, as the executor records it.</summary>
    public ProcessIdentity Identity => ProcessIdentity.Of(Pid) ?? throw new InvalidOperationException($"process {Pid} is not running");

    public bool IsRunning => Nightshift.Testing.Processes.IsRunning(Pid);

    public static async Task<SessionLeader> StartAsync(string script)
    {
        if (!OperatingSystem.IsLinux())
        {
            Requirements.Missing("process groups are read from /proc: Linux only");
        }
        var process = Process.Start(new ProcessStartInfo("setsid", ["sh", "-c", script]) { UseShellExecute = false })!;
        // Until setsid has made the group and run the shell, a signal to the group reaches nobody.
        for (var i = 0; i < 200 && CommandName(process.Id) is "setsid"; i++)
        {
            await Task.Delay(10);
        }
        return new SessionLeader(process);
    }

    public void Dispose()
    {
        Signals.SendToGroup(_process.Id, Signals.Kill);
        Signals.Send(_process.Id, Signals.Kill);
        _process.Dispose();
    }

    private static string? CommandName(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
