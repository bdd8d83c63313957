using System.Diagnostics;

namespace Nightshift.Cli.Demo;

/// <summary>The demo's sample repository: a tiny project with one commit on main and a project.yml.</summary>
internal static class SampleRepository
{
    public static async Task CreateAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(path);
        await File.WriteAllTextAsync(Path.Combine(path, "README.md"), "# greeter\n\nA tiny sample project for the Nightshift demo.\n", cancellationToken);
        Directory.CreateDirectory(Path.Combine(path, ".nightshift"));
        await File.WriteAllTextAsync(Path.Combine(path, ".nightshift", "project.yml"),
            "# Nightshift's defaults for this repository.\ndefault_agent: command\ntarget_branch: main\nmerge_strategy: merge\nconcurrency: 4\nchecks:\n  - test -s README.md\n",
            cancellationToken);
        await GitAsync(path, cancellationToken, "init", "-q", "-b", "main");
        await GitAsync(path, cancellationToken, "config", "user.name", "Demo User");
        await GitAsync(path, cancellationToken, "config", "user.email", "demo@example.invalid");
        await GitAsync(path, cancellationToken, "add", "-A");
        await GitAsync(path, cancellationToken, "commit", "-q", "-m", "Initial commit");
    }

    public static async Task<string> GitAsync(string path, CancellationToken cancellationToken, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(cancellationToken);
        await p.WaitForExitAsync(cancellationToken);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed in {path}: {await stderr}");
        }
        return (await stdout).Trim();
    }
}
