using Nightshift.Core.Workspaces;

namespace Nightshift.Core.Runs;

/// <summary>A run ready to start: its worktree, its prompt, and the spec file the agent may read.</summary>
public sealed record PreparedRun(Worktree Worktree, string Prompt, string SpecFilePath);
