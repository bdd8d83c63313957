using System.Diagnostics;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.Codex;

/// <summary>
/// The running <c>codex app-server</c>, started through <c>setsid</c> so it leads its own process
/// group: stopping it sends TERM to the group, then KILL to the group and the tree after the grace
/// period, so no command it started outlives the run. Lines to stdin go through one gate, so two
/// writers never interleave and nothing is written after the close.
/// </summary>
internal sealed class CodexProcess(Process process, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _input = new(1, 1);
    private bool _inputClosed;

    public int Id => process.Id;

    public int ExitCode => process.ExitCode;

    public bool HasExited => process.HasExited;

    public StreamReader Output => process.StandardOutput;

    public StreamReader Errors => process.StandardError;

    public static CodexProcess Start(ProcessStartInfo startInfo, TimeProvider time)
    {
        var process = new Process { StartInfo = startInfo };
        process.Start();
        return new CodexProcess(process, time);
    }

    /// <summary>Writes one line; false when stdin is closed or codex has gone.</summary>
    public async Task<bool> WriteLineAsync(string line)
    {
        await _input.WaitAsync(CancellationToken.None);
        try
        {
            if (_inputClosed)
            {
                return false;
            }
            await process.StandardInput.WriteLineAsync(line);
            await process.StandardInput.FlushAsync();
            return true;
        }
        catch (IOException)
        {
            // codex exited and closed its stdin; what it did not read, it can no longer act on.
            _inputClosed = true;
            return false;
        }
        finally
        {
            _input.Release();
        }
    }

    /// <summary>Closes stdin: the app server ends when its one client hangs up.</summary>
    public async Task CloseInputAsync()
    {
        await _input.WaitAsync(CancellationToken.None);
        try
        {
            if (!_inputClosed)
            {
                _inputClosed = true;
                process.StandardInput.Close();
            }
        }
        catch (IOException)
        {
            // Already gone.
        }
        finally
        {
            _input.Release();
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            // The leader is gone, but a command it started may still run in the group.
            Signals.SendToGroup(process.Id, Signals.Kill);
            return;
        }
        Signals.SendToGroup(process.Id, Signals.Term);
        using var graceCts = new CancellationTokenSource(grace, time);
        try
        {
            await process.WaitForExitAsync(graceCts.Token);
        }
        catch (OperationCanceledException)
        {
        }
        Signals.SendToGroup(process.Id, Signals.Kill);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public void Dispose()
    {
        _input.Dispose();
        process.Dispose();
    }
}
