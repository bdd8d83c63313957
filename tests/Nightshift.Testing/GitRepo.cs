using System.Diagnostics;

namespace Nightshift.Testing;

/// <summary>A real git repository in a temp folder, with one commit on `main`, for tests.</summary>
public sealed class GitRepo : IDisposable
{
    private readonly TempDirectory _dir;

    private GitRepo(TempDirectory dir)
    {
        _dir = dir;
    }

    public string Path => _dir.Path;

    public static GitRepo Create(string branch = "main")
    {
        Requirements.Git();
        var repo = new GitRepo(new TempDirectory("repo"));
        repo.Git("init", "-q", "-b", branch);
        repo.Git("config", "user.name", "Test User");
        repo.Git("config", "user.email", "test@example.invalid");
        repo.Git("config", "commit.gpgsign", "false");
        repo.WriteFile("README.md", "# sample\n");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "initial");
        return repo;
    }

    public void WriteFile(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void CommitAll(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
    }

    /// <summary>Runs git in the repository and returns trimmed stdout; throws with stderr on failure.</summary>
    public string Git(params string[] args) => RunGit(Path, args);

    public static string RunGit(string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        var stdout = stdoutTask.GetAwaiter().GetResult();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({p.ExitCode}): {stderr}");
        }
        return stdout.Trim();
    }

    public void Dispose() => _dir.Dispose();
}
