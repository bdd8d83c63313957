namespace Nightshift.Core.Git;

/// <summary>
/// The settings every engine git command runs with, so that nothing an agent wrote (hooks, the shared
/// <c>.git/config</c>, <c>~/.gitconfig</c>, <c>.gitattributes</c>) makes git run a program on the host.
/// </summary>
/// <remarks>
/// Three layers keep the guarantee. Keys with a fixed name that name or enable a program are overridden
/// here on the command line, which git reads after every config file, so no repository, user or
/// included config can win. Keys that carry a driver name (<c>filter.&lt;name&gt;.clean</c>,
/// <c>merge.&lt;name&gt;.driver</c>, <c>diff.&lt;name&gt;.textconv</c>) need every name to be known:
/// <see cref="GitDrivers"/> scans for them right before each command in a real repository, which
/// leaves a window in which an agent could add one; so every command of the engine's own that reads
/// or writes working-tree content, merges or diffs runs in a <see cref="SealedGitDirectory"/> whose
/// config the engine alone writes, where no driver exists at all.
/// </remarks>
internal static class GitHardening
{
    public const string EngineName = "Nightshift";
    public const string EngineEmail = "nightshift@localhost";

    // Command-line config is read last and wins over system, global, repository and included files.
    public static readonly IReadOnlyList<string> ConfigOverrides =
    [
        "core.hooksPath=/dev/null",          // no hook runs: not .git/hooks, not a configured hooks folder
        "core.fsmonitor=false",              // core.fsmonitor may name a program run on every index read
        "core.untrackedCache=false",
        "core.attributesFile=/dev/null",
        "core.sshCommand=",
        "core.askPass=",
        "core.pager=cat",
        "core.editor=false",
        "core.alternateRefsCommand=",
        "sequence.editor=false",
        "diff.external=",
        "credential.helper=",                // an empty value clears the helper list
        "protocol.ext.allow=never",
        "submodule.recurse=false",
        "commit.gpgSign=false",
        "tag.gpgSign=false",
        "merge.verifySignatures=false",      // signature checks run gpg.program
        "log.showSignature=false",
        "gc.auto=0",                         // no background gc or maintenance spawned by engine commands
        "maintenance.auto=false",
        "user.useConfigOnly=false",
        "user.name=" + EngineName,           // the engine commits, never the agent
        "user.email=" + EngineEmail,
    ];

    public static void ApplyEnvironment(IDictionary<string, string?> environment)
    {
        // Inherited GIT_* variables could point git at another repository, index, config or program.
        foreach (var key in environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(key);
        }
        environment.Remove("SSH_ASKPASS");
        environment.Remove("LANGUAGE");

        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        // ~/.gitconfig is writable by anything running as the user, agents included.
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        environment["GIT_ATTR_NOSYSTEM"] = "1";
        environment["GIT_TERMINAL_PROMPT"] = "0";
        environment["GIT_ASKPASS"] = string.Empty;
        environment["GIT_PAGER"] = "cat";
        environment["GIT_EDITOR"] = "false";
        environment["GIT_SEQUENCE_EDITOR"] = "false";
        // refs/replace/* could make the engine merge or diff other objects than the ones named.
        environment["GIT_NO_REPLACE_OBJECTS"] = "1";
        environment["GIT_OPTIONAL_LOCKS"] = "0";
        // Messages are parsed (read-tree's "Entry 'x' not uptodate"), so they must not be translated.
        environment["LC_ALL"] = "C";
    }
}
