using System.Diagnostics;
using System.Text;
using Nightshift.Client;
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

    /// <summary>What this node wrote when it started listening: its address and node name.</summary>
    public ServerInfo Info { get; private set; } = null!;

    /// <summary>
    /// Every node file in the data folder, read as written: a test never probes the node locks, so it
    /// cannot get in the way of a node taking its name.
    /// </summary>
    public static IReadOnlyList<ServerInfo> Nodes(string home)
    {
        var folder = NodeLock.Folder(new NightshiftHome(home));
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.json").Select(f => ServerInfoFile.ReadNode(new NightshiftHome(home), Path.GetFileNameWithoutExtension(f))).OfType<ServerInfo>()]
            : [];
    }

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
        var up = new UpProcess(Process.Start(startInfo)!);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            // Its own node file, written once it listens: server.json names it only when no other node runs.
            if (Nodes(home).FirstOrDefault(n => n.Pid == up.Pid) is { } info)
            {
                up.Info = info;
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
