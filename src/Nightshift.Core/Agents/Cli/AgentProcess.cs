using System.Diagnostics;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.Cli;

/// <summary>
/// A running agent CLI that talks over stdin and stdout (Claude Code's stream-json, Codex's app
/// server), started through <c>setsid</c> so it leads its own process group: stopping it sends
/// TERM to the group, then KILL to the group and the tree after the grace period, so no command it
/// started outlives the run. stdin stays open for steering; writes and closing go through one
/// gate, so two writers never interleave and nothing is written after the close.
/// </summary>
internal sealed class AgentProcess(Process process, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _input = new(1, 1);
    private bool _inputClosed;

    public int Id => process.Id;

    public int ExitCode => process.ExitCode;

    public bool HasExited => process.HasExited;

    public StreamReader Output => process.StandardOutput;

    public StreamReader Errors => process.StandardError;

    /// <summary>Starts the process and reports it to <see cref="AgentRunRequest.ProcessStarted"/>; when that throws, stops it.</summary>
    public static async Task<AgentProcess> StartAsync(ProcessStartInfo startInfo, AgentRunRequest request, TimeProvider time)
    {
        ControlGroup.EnterAtStart(startInfo);
        var process = new Process { StartInfo = startInfo };
        process.Start();
        var agent = new AgentProcess(process, time);
        if (request.ProcessStarted is { } started)
        {
            try
            {
                await started(process.Id);
            }
            catch
            {
                await agent.StopAsync(request.StopGracePeriod);
                agent.Dispose();
                throw;
            }
        }
        return agent;
    }

    /// <summary>
    /// Under the input gate: when stdin is still open, asks <paramref name="take"/> for lines and
    /// writes them; when <paramref name="closeIfNone"/> and there were none, closes stdin. Taking
    /// only while the gate is held and stdin is open keeps the guarantee that whatever was taken
    /// (and so marked delivered) was written.
    /// </summary>
    public async Task<int> WriteAsync(Func<Task<IReadOnlyList<string>>> take, bool closeIfNone)
    {
        await _input.WaitAsync(CancellationToken.None);
        try
        {
            if (_inputClosed)
            {
                return 0;
            }
            var lines = await take();
            foreach (var line in lines)
            {
                await process.StandardInput.WriteLineAsync(line);
            }
            if (lines.Count > 0)
            {
                await process.StandardInput.FlushAsync();
            }
            else if (closeIfNone)
            {
                _inputClosed = true;
                process.StandardInput.Close();
            }
            return lines.Count;
        }
        catch (IOException)
        {
            // The agent exited and closed its stdin; what it did not read, it can no longer act on.
            _inputClosed = true;
            return 0;
        }
        finally
        {
            _input.Release();
        }
    }

    /// <summary>Writes one line; false when stdin is closed or the agent has gone.</summary>
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
            // The agent exited and closed its stdin; what it did not read, it can no longer act on.
            _inputClosed = true;
            return false;
        }
        finally
        {
            _input.Release();
        }
    }

    /// <summary>Closes stdin (an app server ends when its one client hangs up).</summary>
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
