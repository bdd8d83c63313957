using System.Diagnostics;
using Nightshift.Cli.Shell;

namespace Nightshift.Cli.Tests;

/// <summary>Runs the real `nightshift` program as a separate process, the way a user does.</summary>
public static class NightshiftProcess
{
    public static string Dll { get; } = Path.Combine(Path.GetDirectoryName(typeof(ExitCodes).Assembly.Location)!, "nightshift.dll");

    public static ProcessStartInfo StartInfo(string home, string workDir, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["NIGHTSHIFT_HOME"] = home;
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment.Remove("NIGHTSHIFT_URL");
        psi.Environment.Remove("NIGHTSHIFT_TOKEN");
        psi.Environment.Remove(Nightshift.Core.Agents.AgentBridgeEndpoint.UrlVariable);
        psi.Environment.Remove(Nightshift.Core.Agents.AgentBridgeEndpoint.TokenVariable);
        return psi;
    }

    /// <summary>
    /// The same program run by a user without root's power over permissions: a user namespace maps
    /// this user to an ordinary one, so a file without its write bit cannot be written, as for anyone.
    /// </summary>
    public static ProcessStartInfo Unprivileged(ProcessStartInfo startInfo)
    {
        var psi = new ProcessStartInfo("unshare")
        {
            WorkingDirectory = startInfo.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["--user", "--map-user=1000", "--map-group=1000", startInfo.FileName, .. startInfo.ArgumentList])
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (key, value) in startInfo.Environment)
        {
            psi.Environment[key] = value;
        }
        return psi;
    }

    public static Task<(int Exit, string Out, string Err)> RunAsync(string home, string workDir, params string[] args) =>
        RunAsync(StartInfo(home, workDir, args));

    public static async Task<(int Exit, string Out, string Err)> RunAsync(ProcessStartInfo startInfo)
    {
        var args = startInfo.ArgumentList;
        using var p = Process.Start(startInfo)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"nightshift {string.Join(' ', args)} did not finish in 2 minutes");
        }
        return (p.ExitCode, await stdout, await stderr);
    }
}
