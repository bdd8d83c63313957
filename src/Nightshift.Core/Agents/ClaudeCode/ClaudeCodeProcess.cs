using System.Diagnostics;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.ClaudeCode;

/// <summary>
/// The running <c>claude</c>, started through <c>setsid</c> so it leads its own process group:
/// stopping it sends TERM to the group, then KILL to the group and the tree after the grace
/// period, so no Bash command it started outlives the run. stdin stays open for steering;
/// writes and closing go through one gate, so nothing is written after the close.
/// </summary>
internal sealed class ClaudeCodeProcess(Process process, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _input = new(1, 1);
    private bool _inputClosed;

    public int Id => process.Id;

    public int ExitCode => process.ExitCode;

    public bool HasExited => process.HasExited;

    public StreamReader Output => process.StandardOutput;

    public StreamReader Errors => process.StandardError;

    public static ClaudeCodeProcess Start(ProcessStartInfo startInfo, TimeProvider time)
    {
        var process = new Process { StartInfo = startInfo };
        process.Start();
        return new ClaudeCodeProcess(process, time);
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
            // claude exited and closed its stdin; what it did not read, it can no longer act on.
            _inputClosed = true;
            return 0;
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
            // The leader is gone, but a Bash command it started may still run in the group.
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
