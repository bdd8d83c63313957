using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Nightshift.Core.Git;

/// <summary>
/// Runs <c>git</c> for the engine: arguments as a list (never through a shell), optional standard
/// input and environment, cancellation that kills the process, and the <see cref="GitHardening"/>
/// settings on every call.
/// </summary>
public sealed class GitCli
{
    private readonly string _executable;

    public GitCli()
        : this("git")
    {
    }

    public GitCli(string executable)
    {
        _executable = executable;
    }

    public Task<GitResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(workingDirectory, arguments, GitRunOptions.None, cancellationToken);

    public async Task<GitResult> RunAsync(
        string workingDirectory, IReadOnlyList<string> arguments, GitRunOptions options, CancellationToken cancellationToken)
    {
        IReadOnlyList<KeyValuePair<string, string>> drivers = [];
        if (!options.EngineOwnedConfig && GitDrivers.MayRun(arguments))
        {
            var scan = await RunProcessAsync(workingDirectory, ["config", "-z", "--get-regexp", GitDrivers.ScanPattern], options with { StandardInput = null }, [], cancellationToken);
            drivers = scan.Succeeded ? GitDrivers.Overrides(scan.StdOut) : [];
        }
        return await RunProcessAsync(workingDirectory, arguments, options, drivers, cancellationToken);
    }

    private async Task<GitResult> RunProcessAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        GitRunOptions options,
        IReadOnlyList<KeyValuePair<string, string>> driverOverrides,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var process = new Process { StartInfo = CreateStartInfo(workingDirectory, arguments, options, driverOverrides) };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Cannot start '{_executable}' in '{workingDirectory}': {ex.Message}. Install git and put it on PATH.", ex);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await WriteInputAsync(process, options.StandardInput, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
        return new GitResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs git and throws <see cref="GitCommandException"/> (command, folder, stderr) when it fails.</summary>
    public Task<GitResult> RunCheckedAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunCheckedAsync(workingDirectory, arguments, GitRunOptions.None, cancellationToken);

    public async Task<GitResult> RunCheckedAsync(
        string workingDirectory, IReadOnlyList<string> arguments, GitRunOptions options, CancellationToken cancellationToken)
    {
        var result = await RunAsync(workingDirectory, arguments, options, cancellationToken);
        if (!result.Succeeded)
        {
            throw new GitCommandException(Describe(arguments), workingDirectory, result);
        }
        return result;
    }

    internal static string Describe(IReadOnlyList<string> arguments) =>
        "git " + string.Join(' ', arguments.Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"\"{a}\"" : a));

    private ProcessStartInfo CreateStartInfo(
        string workingDirectory, IReadOnlyList<string> arguments, GitRunOptions options, IReadOnlyList<KeyValuePair<string, string>> driverOverrides)
    {
        var psi = new ProcessStartInfo(_executable)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            // stdin is always redirected and closed, so git never waits on a terminal.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var setting in GitHardening.ConfigOverrides.Concat(options.Config))
        {
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(setting);
        }
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        GitHardening.ApplyEnvironment(psi.Environment);
        foreach (var (key, value) in options.Environment)
        {
            if (value is null)
            {
                psi.Environment.Remove(key);
            }
            else
            {
                psi.Environment[key] = value;
            }
        }
        for (var i = 0; i < driverOverrides.Count; i++)
        {
            psi.Environment[$"GIT_CONFIG_KEY_{i}"] = driverOverrides[i].Key;
            psi.Environment[$"GIT_CONFIG_VALUE_{i}"] = driverOverrides[i].Value;
        }
        if (driverOverrides.Count > 0)
        {
            psi.Environment["GIT_CONFIG_COUNT"] = driverOverrides.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return psi;
    }

    private static async Task WriteInputAsync(Process process, string? input, CancellationToken cancellationToken)
    {
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            }
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // git exited without reading all of its input; its exit code tells what happened.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
