using Nightshift.Core.Specs;
using Nightshift.Core.Workspaces;

namespace Nightshift.Core.Runs;

/// <summary>A run ready to start: its worktree, its prompt, the spec file the agent may read, and whose configuration its CLI runs with.</summary>
public sealed record PreparedRun(Worktree Worktree, string Prompt, string SpecFilePath, AgentConfigMode AgentConfig = AgentConfigMode.User);
