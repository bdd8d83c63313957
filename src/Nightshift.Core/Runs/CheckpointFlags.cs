using Nightshift.Core.Workspaces;

namespace Nightshift.Core.Runs;

/// <summary>What a checkpoint found, told as the task's commit event and its review flags.</summary>
internal static class CheckpointFlags
{
    public static string Describe(WorkspaceCheckpoint checkpoint, string? branch) => (checkpoint.Commit, checkpoint.AgentCommits) switch
    {
        (null, 0) when checkpoint.Rewritten => $"The agent moved its branch back; {branch} is at {checkpoint.Head[..12]}",
        (null, 0) => "The agent changed nothing",
        (null, var n) => $"The agent made {Commits(n)} of its own; {branch} is at {checkpoint.Head[..12]}",
        ({ } commit, 0) => $"Committed {commit[..12]} on {branch}",
        ({ } commit, var n) => $"Committed {commit[..12]} on {branch}, on top of {Commits(n)} the agent made of its own",
    };

    public static IReadOnlyList<string> From(WorkspaceCheckpoint checkpoint)
    {
        var flags = new List<string>();
        if (checkpoint.AgentCommits > 0)
        {
            flags.Add($"The agent made {Commits(checkpoint.AgentCommits)} of its own, with the author and message it chose; they are kept on the branch under the engine's commit");
        }
        if (checkpoint.Rewritten)
        {
            flags.Add("The agent rewrote its branch: the branch's earlier tip is no longer in its history");
        }
        if (checkpoint.GitDirectoryChanges.Count > 0)
        {
            flags.Add($"The agent changed its own git directory ({string.Join("; ", checkpoint.GitDirectoryChanges)}); the engine undid it, and none of it reached the repository's git directory");
        }
        foreach (var driver in checkpoint.UndefinedDrivers)
        {
            flags.Add($".gitattributes names {driver}, which this repository does not define; a clone whose git config defines that name would run it on checkout, diff or merge");
        }
        return flags;
    }

    private static string Commits(int n) => n == 1 ? "1 commit" : $"{n} commits";
}
