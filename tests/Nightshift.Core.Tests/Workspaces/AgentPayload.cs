using Nightshift.Testing;

namespace Nightshift.Core.Tests.Workspaces;

/// <summary>
/// What a hostile agent can leave behind: hooks in a git folder, program-running keys in its config
/// (set with plain `git config` in the given checkout), and attributes that name filter, diff and
/// merge drivers. Each program only touches a marker file.
/// </summary>
internal sealed class AgentPayload : IDisposable
{
    private static readonly string[] Hooks =
    [
        "pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "post-checkout", "post-merge",
        "reference-transaction", "pre-auto-gc", "post-rewrite", "post-index-change",
    ];

    private readonly TempDirectory _markers = new("markers");

    public const string Attributes = "* filter=evil diff=evil merge=evil\n";

    public IReadOnlyList<string> Fired => Directory.EnumerateFiles(_markers.Path).Select(Path.GetFileName).ToList()!;

    /// <summary>Installs everything except the in-tree `.gitattributes`, which the agent writes as work.</summary>
    public void Install(string worktreePath, string commonGitDir)
    {
        Config(worktreePath, "core.fsmonitor", Touch("fsmonitor"));
        Config(worktreePath, "filter.evil.clean", $"sh -c 'touch {Marker("clean")}; cat'");
        Config(worktreePath, "filter.evil.smudge", $"sh -c 'touch {Marker("smudge")}; cat'");
        Config(worktreePath, "filter.evil.required", "true");
        Config(worktreePath, "diff.evil.textconv", $"sh -c 'touch {Marker("textconv")}; cat \"$0\"'");
        Config(worktreePath, "diff.evil.command", Touch("diff-command"));
        Config(worktreePath, "diff.external", Touch("diff-external"));
        Config(worktreePath, "merge.evil.driver", $"sh -c 'touch {Marker("merge-driver")}; exit 0'");
        Config(worktreePath, "core.pager", Touch("pager"));
        Config(worktreePath, "gpg.program", Touch("gpg"));
        Config(worktreePath, "commit.gpgSign", "true");

        var hooks = Path.Combine(commonGitDir, "hooks");
        Directory.CreateDirectory(hooks);
        foreach (var hook in Hooks)
        {
            var file = Path.Combine(hooks, hook);
            File.WriteAllText(file, $"#!/bin/sh\ntouch {Marker("hook-" + hook)}\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        var info = Path.Combine(commonGitDir, "info");
        Directory.CreateDirectory(info);
        File.WriteAllText(Path.Combine(info, "attributes"), Attributes);
    }

    public void Dispose() => _markers.Dispose();

    private string Marker(string name) => Path.Combine(_markers.Path, name);

    private string Touch(string name) => $"touch {Marker(name)}";

    // Plain git, as the agent would run it: `git config` in a checkout writes that checkout's git config.
    private static void Config(string worktreePath, string key, string value) => GitRepo.RunGit(worktreePath, "config", key, value);
}
