namespace Nightshift.Core.Specs;

/// <summary>
/// Whose configuration an agent CLI runs with (<c>agent_config:</c> in a spec's front matter or
/// <c>.nightshift/project.yml</c>; the spec wins).
/// </summary>
public enum AgentConfigMode
{
    /// <summary>
    /// The user's own: the CLI signs in with the login the user made (<c>claude</c> /login,
    /// <c>codex login</c>, …) and reads the user's settings, MCP servers and global instructions,
    /// with Nightshift's own settings (permissions, the bridge, plan mode) layered on top where they conflict.
    /// </summary>
    User = 0,

    /// <summary>A clean CLI: HOME and the CLI's configuration folder per task, keys only from variables.</summary>
    Isolated = 1,
}
