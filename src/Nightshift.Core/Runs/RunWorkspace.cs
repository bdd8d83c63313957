using System.Text;
using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Agents;
using Nightshift.Core.Comments;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Projects;
using Nightshift.Core.Specs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Core.Workspaces;
namespace Nightshift.Core.Runs;

/// <summary>
/// The worktree side of a run. Before: gets a claimed task ready to run: its worktree on its own branch (re-used when a retry or a
/// follow-up finds one, so no earlier work is lost), the spec written outside the worktree, and
/// the prompt with every piece of feedback that is due, marked delivered to this run. After: checkpoints the agent's work as an engine commit.
/// Every record is written through <see cref="RunFence"/>: a node that lost the run changes nothing.
/// </summary>
public sealed class RunWorkspace(ProjectRegistry projects, WorktreeManager worktrees, TaskBoard board, RunFence fence, NightshiftHome home)
{
    /// <summary>Makes (or reuses) the task's worktree, its setup script run with <paramref name="ports"/>, and the run's prompt.</summary>
    public async Task<PreparedRun> PrepareAsync(RunClaim claim, RunLease lease, IReadOnlyDictionary<string, string> ports, CancellationToken cancellationToken)
    {
        var (task, run) = claim;
        var project = await projects.FindAsync(task.ProjectId.ToString(), cancellationToken);
        var config = await ProjectRegistry.LoadConfigAsync(project, cancellationToken);
        await projects.EnsureSupportedAsync(project, task.BaseBranch, cancellationToken);
        var (branch, path, leftAlone) = await ChooseBranchAsync(task, project, cancellationToken);
        var worktree = await worktrees.CreateAsync(project.RepoPath, path, branch, task.BaseBranch, config.Setup, ports, cancellationToken);
        task.Branch = branch;
        // The spec's own agent_config wins over the project's; the spec was valid at intake, so it parses again.
        var agentConfig = SpecParser.Parse(task.SpecText, task.SpecFile).Spec?.AgentConfig ?? config.AgentConfig;

        var runDir = Path.Combine(home.RunsPath, run.Id.ToString());
        Directory.CreateDirectory(runDir);
        var specFile = Path.Combine(runDir, "spec.md");
        await File.WriteAllTextAsync(specFile, task.SpecText, cancellationToken);

        var prompt = new StringBuilder(task.Body);
        if (!task.PlanPending && task.PlanText is { } plan)
        {
            prompt.Append("\n\n").Append(PlanPrompt.Approved(plan));
        }
        run.BaseCommit = worktree.BaseCommit;
        await fence.WriteAsync(lease, async (t, stored, db) =>
        {
            t.WorktreePath = worktree.Path;
            t.Branch = worktree.Branch;
            stored.BaseCommit = worktree.BaseCommit;
            if (leftAlone is not null)
            {
                board.Append(db, t, run.Id, EventKind.Flag,
                    $"Branch {leftAlone} (or its folder) already existed and this task did not make it; it was left alone, and this task works on {worktree.Branch}");
            }
            board.Append(db, t, run.Id, EventKind.Workspace, $"Worktree {worktree.Path} on branch {worktree.Branch}");
            if (t.Agent is not (KnownAgents.Command or KnownAgents.BuiltIn))
            {
                board.Append(db, t, run.Id, EventKind.Log, agentConfig == AgentConfigMode.Isolated
                    ? "Agent configuration: isolated (a clean CLI for this task: its own HOME and config folder, keys from variables)"
                    : "Agent configuration: user (the CLI's own login, settings, MCP servers and global instructions, with Nightshift's permissions and bridge on top)");
            }
            // A follow-up (after a rejection, a failure or an interruption) continues the agent's
            // last session where its runtime can resume one. Its prompt is always the whole task
            // with the feedback after it: a runtime without resume starts a fresh session that
            // needs both, and a resumed one only hears the task again.
            var previous = await db.Runs
                .Where(r => r.TaskId == t.Id && r.Id != run.Id && r.Agent == run.Agent && r.SessionId != null)
                .OrderByDescending(r => r.Attempt).Select(r => r.SessionId).FirstOrDefaultAsync(cancellationToken);
            if (previous is not null && run.SessionId is null)
            {
                run.SessionId = previous;
                stored.SessionId = previous;
                board.Append(db, t, run.Id, EventKind.Log, $"Continuing session {previous} where the runtime can resume it");
            }
            var due = await db.Comments
                .Where(c => c.TaskId == t.Id && c.DeliveredAt == null && c.Mode != CommentMode.Answer)
                .OrderBy(c => c.Id)
                .ToListAsync(cancellationToken);
            if (due.Count > 0)
            {
                prompt.Append("\n\n## Feedback to address\n");
            }
            foreach (var comment in due)
            {
                var where = comment.File is null ? string.Empty : $" ({comment.File}{(comment.Line is { } l ? $":{l}" : string.Empty)})";
                prompt.Append("\n- ").Append(comment.Author).Append(where).Append(": ").Append(comment.Body);
                comment.DeliveredAt = fence.Time.GetUtcNow();
                comment.DeliveredToRunId = run.Id;
                board.Append(db, t, run.Id, EventKind.Comment, $"Comment {comment.Id} delivered to run {run.Attempt}");
            }
        }, cancellationToken);
        return new PreparedRun(worktree, prompt.ToString(), specFile, agentConfig);
    }

    /// <summary>
    /// The task's branch and folder. A task that has never had a workspace never adopts a branch or
    /// folder that is already there (left by a task of the same id before the data folder was reset,
    /// or the database lost or rolled back): it gets the first free name, and the old one is reported.
    /// </summary>
    private async Task<(string Branch, string Path, string? LeftAlone)> ChooseBranchAsync(TaskRecord task, ProjectRecord project, CancellationToken cancellationToken)
    {
        var branch = task.Branch!;
        string PathFor(string name) => Path.Combine(home.WorktreesPath, project.Name, Path.GetFileName(name));
        if (task.WorktreePath is not null)
        {
            return (branch, task.WorktreePath, null);
        }
        if (!await worktrees.IsTakenAsync(project.RepoPath, PathFor(branch), branch, cancellationToken))
        {
            return (branch, PathFor(branch), null);
        }
        for (var n = 2; n < 1000; n++)
        {
            var candidate = $"{branch}-{n}";
            if (!await worktrees.IsTakenAsync(project.RepoPath, PathFor(candidate), candidate, cancellationToken))
            {
                return (candidate, PathFor(candidate), branch);
            }
        }
        throw new WorkspaceException($"Branch {branch} and every name after it up to {branch}-999 already exist; delete the old ones.");
    }

    /// <summary>
    /// Removes the run's own folder (the spec written for the agent) once the run is over; the
    /// spec stays in the store. A folder that cannot go now is small and left for the user to see.
    /// </summary>
    public void ForgetRunFiles(RunRecord run)
    {
        var runDir = Path.Combine(home.RunsPath, run.Id.ToString());
        try
        {
            if (Directory.Exists(runDir))
            {
                Directory.Delete(runDir, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Harmless: a few kilobytes under the data folder.
        }
    }

    /// <summary>
    /// Commits whatever the agent left in the worktree to the task branch and records the head.
    /// Not cancellable: the agent's work is committed even when the run was stopped. A node that
    /// lost the run's lease commits nothing: the branch belongs to the run that replaced it. The
    /// agent's <paramref name="summary"/>, when it gave one, names the commit (<see cref="RunCommitMessage"/>).
    /// </summary>
    public async Task<string?> CheckpointAsync(RunClaim claim, RunLease lease, Worktree worktree, string outcome, string? summary = null)
    {
        var (task, run) = claim;
        if (!await fence.IsHeldAsync(lease, CancellationToken.None))
        {
            throw new OperationCanceledException($"Task {task.Id} run {run.Attempt} no longer holds its lease; its work is not committed.", lease.Token);
        }
        var checkpoint = await worktrees.CheckpointAsync(worktree, RunCommitMessage.For(task, run.Attempt, outcome, summary), CancellationToken.None);
        var head = checkpoint.Head;
        run.HeadCommit = head;
        // The claimed task's head is where this run started: earlier runs' work, or none.
        var changedNothing = task.HeadCommit is { } started && started == head;
        await fence.WriteAsync(lease, async (t, stored, db) =>
        {
            stored.HeadCommit = head;
            stored.ChangedNothing = changedNothing;
            t.HeadCommit = head;
            board.Append(db, t, run.Id, EventKind.Commit, CheckpointFlags.Describe(checkpoint, t.Branch), checkpoint.Commit ?? (checkpoint.AgentCommits > 0 ? head : null));
            foreach (var flag in CheckpointFlags.From(checkpoint))
            {
                // A flag that stands (an attribute on the branch) is found again at each checkpoint; it is told once.
                if (!await db.Events.AnyAsync(e => e.TaskId == t.Id && e.Kind == EventKind.Flag && e.Message == flag, CancellationToken.None))
                {
                    board.Append(db, t, run.Id, EventKind.Flag, flag);
                }
            }
        }, CancellationToken.None);
        return head;
    }
}
