using System.Diagnostics;

namespace Nightshift.Core.Processes;

/// <summary>
/// Runs shell commands for agents and checks. Each command leads its own process group (setsid),
/// so stopping it reaches everything it started: TERM to the group, then KILL to the group and
/// the tree after the grace period. No process of a stopped command is left behind.
/// </summary>
public sealed class ProcessRunner(TimeProvider time)
{
    public async Task<ProcessResult> RunAsync(ShellCommand command, Func<string, bool, ValueTask> onLine, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var process = new Process { StartInfo = StartInfo(command) };
        process.Start();
        using var stopReading = new CancellationTokenSource();
        var stdout = PumpAsync(process.StandardOutput, isError: false, onLine, stopReading.Token);
        var stderr = PumpAsync(process.StandardError, isError: true, onLine, stopReading.Token);
        if (command.Started is { } reportStarted)
        {
            try
            {
                await reportStarted(process.Id);
            }
            catch
            {
                // Nobody is left to wait for it: the command must not outlive this call.
                await StopAsync(process, command.GracePeriod);
                throw;
            }
        }
        await WriteInputAsync(process, command.StandardInput);

        using var timeout = command.Timeout is { } limit ? new CancellationTokenSource(limit, time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var stopped = false;
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            stopped = true;
            // A stopped command's remaining output is not read: a flood must not hold up the stop.
            await stopReading.CancelAsync();
            await StopAsync(process, command.GracePeriod);
        }
        // The pipes close when every process holding them has exited; killed groups release them.
        await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        var duration = time.GetElapsedTime(started);
        return stopped
            ? new ProcessResult(null, TimedOut: timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested, Cancelled: cancellationToken.IsCancellationRequested, duration)
            : new ProcessResult(process.ExitCode, false, false, duration);
    }

    private static ProcessStartInfo StartInfo(ShellCommand command)
    {
        var psi = new ProcessStartInfo(OperatingSystem.IsWindows() ? "cmd" : "setsid")
        {
            WorkingDirectory = command.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!OperatingSystem.IsWindows())
        {
            psi.ArgumentList.Add("sh");
        }
        psi.ArgumentList.Add(OperatingSystem.IsWindows() ? "/c" : "-c");
        psi.ArgumentList.Add(command.CommandLine);
        UntrustedEnvironment.ApplyTo(psi.Environment, command.Environment);
        ControlGroup.EnterAtStart(psi);
        return psi;
    }

    private static async Task WriteInputAsync(Process process, string? input)
    {
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
            }
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command exited or closed its stdin without reading it all; that is its choice.
        }
    }

    private async Task StopAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }
        // Taken first: descendants in groups of their own are found only while they are still children.
        var descendants = ProcessTree.Descendants(process.Id);
        Signals.SendToGroup(process.Id, Signals.Term);
        ProcessTree.Signal(descendants, Signals.Term);
        using var graceCts = new CancellationTokenSource(grace, time);
        try
        {
            await process.WaitForExitAsync(graceCts.Token);
        }
        catch (OperationCanceledException)
        {
        }
        // The group may outlive its leader (a child that ignores TERM): KILL the group whatever the leader did.
        Signals.SendToGroup(process.Id, Signals.Kill);
        ProcessTree.Signal(descendants, Signals.Kill);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task PumpAsync(StreamReader reader, bool isError, Func<string, bool, ValueTask> onLine, CancellationToken cancellationToken)
    {
        var lines = new BoundedLineReader(reader);
        try
        {
            while (await lines.ReadLineAsync(cancellationToken) is { } line)
            {
                await onLine(line, isError);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
