namespace Nightshift.Core.Workspaces;

/// <summary>
/// A task's worktree: the repository it belongs to, its folder, its branch (short name, without
/// <c>refs/heads/</c>) and the commit the branch started from.
/// </summary>
public sealed record Worktree(string RepoPath, string Path, string Branch, string BaseCommit);
