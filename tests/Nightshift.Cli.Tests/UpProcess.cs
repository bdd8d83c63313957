using System.Diagnostics;
using System.Text;
using Nightshift.Core.Storage;
using Nightshift.Server.Hosting;

namespace Nightshift.Cli.Tests;

/// <summary>A running `nightshift up` process on a free loopback port.</summary>
public sealed class UpProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private UpProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static Task<UpProcess> StartAsync(string home, params string[] extra) => StartWithAsync(home, new Dictionary<string, string>(), extra);

    /// <summary>As <see cref="StartAsync(string, string[])"/>, with these variables set in the process's environment.</summary>
    public static Task<UpProcess> StartWithAsync(string home, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        var start = NightshiftProcess.StartInfo(home, home, ["up", "--port", "0", .. extra]);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return StartAsync(start, home);
    }

    /// <summary>Starts `up` as <paramref name="startInfo"/> says (e.g. as another user) and waits until it serves.</summary>
    public static async Task<UpProcess> StartAsync(ProcessStartInfo startInfo, string home)
    {
        var before = ServerInfoFile.Read(new NightshiftHome(home));
        var up = new UpProcess(Process.Start(startInfo)!);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (ServerInfoFile.Read(new NightshiftHome(home)) is { } info && info.Pid == up.Pid && info != before)
            {
                return up;
            }
            if (up._process.HasExited)
            {
                throw new InvalidOperationException($"nightshift up exited with {up._process.ExitCode}:\n{up.Log}");
            }
            await Task.Delay(100);
        }
        await up.DisposeAsync();
        throw new TimeoutException("nightshift up did not write server.json within 60 s:\n" + up.Log);
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends a POSIX signal (KILL, STOP, CONT…) to the `up` process alone: its agents get nothing.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Pid} failed with {kill.ExitCode}");
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
