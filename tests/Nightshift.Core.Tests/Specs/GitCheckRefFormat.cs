using System.Diagnostics;
using Nightshift.Testing;

namespace Nightshift.Core.Tests.Specs;

/// <summary>
/// Runs the real <c>git check-ref-format --branch</c>. It exits non-zero for an invalid name, so
/// unlike <see cref="GitRepo.RunGit"/> this returns the exit code instead of throwing.
/// </summary>
internal static class GitCheckRefFormat
{
    public static bool AcceptsBranch(string name)
    {
        // Outside any repository, so git checks the name as written instead of expanding @{-1} or @.
        using var outside = new TempDirectory("refs");
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = outside.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(outside.Path);
        psi.ArgumentList.Add("check-ref-format");
        psi.ArgumentList.Add("--branch");
        psi.ArgumentList.Add(name);
        using var git = Process.Start(psi) ?? throw new InvalidOperationException("could not start git");
        var stdout = git.StandardOutput.ReadToEndAsync();
        git.StandardError.ReadToEnd();
        git.WaitForExit();
        stdout.GetAwaiter().GetResult();
        return git.ExitCode == 0;
    }
}
