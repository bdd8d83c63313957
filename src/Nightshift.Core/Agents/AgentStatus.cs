namespace Nightshift.Core.Agents;

/// <summary>One agent a spec can name: whether this node runs it, its CLI and version, what it supports, and how its CLI signs in (never a secret).</summary>
public sealed record AgentStatus(string Name, bool Available, string? Executable, string? Version, AgentCapabilities? Capabilities, string Note)
{
    /// <summary>How runs on the user's configuration sign in, e.g. "subscription login (~/.claude)"; null for an agent without a CLI login.</summary>
    public string? SignIn { get; init; }
}
