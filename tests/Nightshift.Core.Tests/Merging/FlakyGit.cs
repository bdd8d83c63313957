using Nightshift.Core.Git;
using Nightshift.Testing;
namespace Nightshift.Core.Tests.Merging;

/// <summary>
/// The real git behind a wrapper that fails the first <c>times</c> calls containing a phrase (all
/// of them when negative) the way git fails while a <c>git gc --prune=now</c> removes objects
/// under it; every other call is real git's.
/// </summary>
internal sealed class FlakyGit : IDisposable
{
    private readonly TempDirectory _dir = new("flaky-git");

    public FlakyGit(string phrase, string message, int times)
    {
        Requirements.Git();
        if (OperatingSystem.IsWindows())
        {
            Requirements.Missing("the flaky git wrapper is a bash script");
        }
        var git = Requirements.FindOnPath("git")!;
        var script = _dir.Combine("git");
        File.WriteAllText(script, $$"""
            #!/bin/bash
            if [[ " $* " == *" {{phrase}} "* ]]; then
              n=$(cat '{{CountFile}}' 2>/dev/null || echo 0)
              if (( {{times}} < 0 || n < {{times}} )); then
                echo $((n + 1)) > '{{CountFile}}'
                echo '{{message}}' >&2
                exit 128
              fi
            fi
            exec '{{git}}' "$@"
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Cli = new GitCli(script);
    }

    public GitCli Cli { get; }

    /// <summary>How many calls it failed.</summary>
    public int Failures => File.Exists(CountFile) ? int.Parse(File.ReadAllText(CountFile).Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0;

    private string CountFile => _dir.Combine("failures");

    public void Dispose() => _dir.Dispose();
}
