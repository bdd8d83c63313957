namespace Nightshift.Core.Agents;

/// <summary>One agent a spec can name: whether this node runs it, its CLI and version, and what it supports.</summary>
public sealed record AgentStatus(string Name, bool Available, string? Executable, string? Version, AgentCapabilities? Capabilities, string Note);
