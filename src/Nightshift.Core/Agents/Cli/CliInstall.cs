namespace Nightshift.Core.Agents.Cli;

/// <summary>The CLI a runtime drives and the executable it found for it (null when none was found).</summary>
public sealed record CliInstall(CliTool Tool, string? Executable);
