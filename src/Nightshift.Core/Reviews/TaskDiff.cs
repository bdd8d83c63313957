using Nightshift.Core.Git;
using Nightshift.Core.Projects;
using Nightshift.Core.Storage;
namespace Nightshift.Core.Reviews;

/// <summary>What a task's branch changes: the diff from its merge base with the base branch to its tip.</summary>
public sealed class TaskDiff(ProjectRegistry projects, GitCli git)
{
    public async Task<string> DiffAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        var project = await projects.FindAsync(task.ProjectId.ToString(), cancellationToken);
        // After a merge the branch is gone; the merged commit's first parent is where it landed.
        var (from, to) = task.MergedCommit is { } merged
            ? ($"{merged}^1", merged)
            : (await MergeBaseAsync(project.RepoPath, task, cancellationToken), $"refs/heads/{task.Branch}");
        if (from is null)
        {
            return string.Empty;
        }
        // No external diff drivers or text conversion: nothing the agent configured runs here.
        var diff = await git.RunAsync(project.RepoPath, ["diff", "--no-ext-diff", "--no-textconv", "--no-color", from, to, "--"], cancellationToken);
        return diff.ExitCode == 0 ? diff.StdOut : string.Empty;
    }

    private async Task<string?> MergeBaseAsync(string repo, TaskRecord task, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(repo, ["merge-base", $"refs/heads/{task.BaseBranch}", $"refs/heads/{task.Branch}"], cancellationToken);
        return result.ExitCode == 0 ? result.StdOut.Trim() : null;
    }
}
