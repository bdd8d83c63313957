namespace Nightshift.Core.Workspaces;

/// <summary>
/// What one checkpoint of a task checkout found and did.
/// </summary>
/// <param name="Commit">The engine's commit of the files the agent left, or null when there were none.</param>
/// <param name="Head">The task branch's tip afterwards, in the repository.</param>
/// <param name="AgentCommits">Commits the agent made itself since the branch was last brought into the repository; kept under the engine's commit.</param>
/// <param name="Rewritten">The agent moved its branch to a commit that does not contain the branch's earlier tip.</param>
/// <param name="GitDirectoryChanges">What the agent changed in the task's git directory (config, hooks, info files); put back by the engine.</param>
/// <param name="UndefinedDrivers">Filter, diff and merge drivers that <c>.gitattributes</c> on the branch newly names and the repository does not define.</param>
public sealed record WorkspaceCheckpoint(
    string? Commit,
    string Head,
    int AgentCommits,
    bool Rewritten,
    IReadOnlyList<string> GitDirectoryChanges,
    IReadOnlyList<string> UndefinedDrivers);
