namespace Nightshift.Core.Workspaces;

/// <summary>The merge commit an integration put on the task branch, and the files left with conflict markers.</summary>
public sealed record IntegrationResult(string Commit, IReadOnlyList<string> Conflicts);
