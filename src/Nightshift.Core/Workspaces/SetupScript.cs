using System.Diagnostics;
using System.Text;

namespace Nightshift.Core.Workspaces;

/// <summary>
/// Runs a project's setup script (<c>sh -c</c>) in a new worktree, within a time limit. The script is
/// the project's own, written by its owner, so unlike engine git calls it runs with the normal
/// environment, plus the variables the run hands it (its port block).
/// </summary>
internal static class SetupScript
{
    private const int OutputTailLength = 2000;

    /// <summary>Returns null when the script succeeded, otherwise why it failed.</summary>
    public static async Task<string?> RunAsync(
        string workingDirectory, string script, IReadOnlyDictionary<string, string> variables, TimeSpan timeLimit, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("sh")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var (name, value) in variables)
        {
            psi.Environment[name] = value;
        }

        using var process = new Process { StartInfo = psi };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(timeLimit, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            return $"setup script did not finish within {timeLimit}; it was stopped. Output:\n{Tail(output)}";
        }
        return process.ExitCode == 0 ? null : $"setup script exited with code {process.ExitCode}. Output:\n{Tail(output)}";
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

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.Append(line).Append('\n');
            if (output.Length > OutputTailLength * 4)
            {
                output.Remove(0, output.Length - OutputTailLength);
            }
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString();
            return text.Length <= OutputTailLength ? text : text[^OutputTailLength..];
        }
    }
}
