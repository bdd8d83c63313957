namespace Nightshift.Core.Agents;

/// <summary>One agent a spec can name: whether this node runs it, its CLI and version, and what it supports.</summary>
/// <param name="Name">The name a spec uses in <c>agent:</c>.</param>
/// <param name="Available">Whether this node can run it now.</param>
/// <param name="Executable">The CLI a run would use, for CLI agents.</param>
/// <param name="Version">The CLI's version, as its <c>--version</c> gives it.</param>
/// <param name="Capabilities">What the runtime supports; null when this build has no runtime for it.</param>
/// <param name="Note">Ready, or what to do to make it available.</param>
/// <param name="SignIn">How the CLI signs in on the user's configuration (e.g. "subscription login (~/.claude)"), or what to do; never a secret. Null for an agent without a CLI login.</param>
public sealed record AgentStatus(string Name, bool Available, string? Executable, string? Version, AgentCapabilities? Capabilities, string Note, string? SignIn = null);
