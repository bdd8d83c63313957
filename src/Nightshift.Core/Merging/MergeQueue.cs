using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Projects;
using Nightshift.Core.Specs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Core.Workspaces;

namespace Nightshift.Core.Merging;

/// <summary>
/// Lands approved tasks on their target branch, one at a time per repository. The merge is
/// computed without touching any checkout, tested by the project's checks (the test gate), and
/// the target moves only by compare-and-swap (<see cref="MergeEngine"/>). The queue is the set of
/// Approved tasks in the store, so an approval survives a restart: <see cref="SweepAsync"/> lands
/// what is left, and a merge cut short in Merging is checked and finished or tried again.
/// </summary>
public sealed class MergeQueue(IDbContextFactory<NightshiftDb> dbs, TaskBoard board, ProjectRegistry projects, MergeEngine engine, MergeGate gate, WorktreeManager worktrees)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _perRepo = new(StringComparer.Ordinal);

    /// <summary>Merges an approved task; returns it Merged, or in Conflict with the reason (files, or the failing gate check).</summary>
    public async Task<TaskRecord> MergeAsync(TaskId id, CancellationToken cancellationToken)
    {
        var task = await FindAsync(id, cancellationToken);
        var project = await projects.FindAsync(task.ProjectId.ToString(), cancellationToken);
        var lockFor = _perRepo.GetOrAdd(project.RepoPath, _ => new SemaphoreSlim(1, 1));
        await lockFor.WaitAsync(cancellationToken);
        try
        {
            task = await FindAsync(id, cancellationToken);
            if (task.State != TaskState.Approved)
            {
                return task;
            }
            var config = await ProjectRegistry.LoadConfigAsync(project, cancellationToken);
            await board.TransitionAsync(id, TaskTrigger.StartMerge, $"{config.MergeStrategy.ToString().ToLowerInvariant()} into {task.BaseBranch}", null, cancellationToken);
            // From here on nothing is cancellable: a client that hangs up must not leave a task
            // stuck in Merging or a target half-moved.
            var message = $"Merge task {task.Id}: {task.Title}\n\nNightshift branch {task.Branch}";
            var outcome = await engine.MergeAsync(
                project.RepoPath, task.Branch!, task.BaseBranch, config.MergeStrategy, message, CancellationToken.None,
                config.Checks.Count == 0 ? null : (commit, ct) => GateAsync(task, project.RepoPath, commit, config.Checks, ct));
            if (outcome.Kind != MergeOutcomeKind.Merged)
            {
                return await board.TransitionAsync(id, outcome.Kind == MergeOutcomeKind.Failed ? TaskTrigger.MergeFailed : TaskTrigger.MergeConflicted, Describe(outcome, task), null, CancellationToken.None);
            }
            var merged = await board.TransitionAsync(id, TaskTrigger.MergeSucceeded, $"merged into {task.BaseBranch} at {outcome.Commit![..12]}", null, CancellationToken.None, (t, db) =>
            {
                t.MergedCommit = outcome.Commit;
                board.Append(db, t, null, EventKind.Merge, $"{task.BaseBranch} is now {outcome.Commit}", outcome.Commit);
            });
            await CleanUpAsync(project, config.KeepMergedWorktrees);
            return merged;
        }
        finally
        {
            lockFor.Release();
        }
    }

    /// <summary>
    /// Finishes what a stopped process left: a task in Merging whose branch already landed is
    /// Merged, any other goes back to Approved; then every Approved task is merged in approval order.
    /// </summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        List<TaskRecord> pending;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            pending = await db.Tasks.AsNoTracking()
                .Where(t => t.State == TaskState.Merging || t.State == TaskState.Approved)
                .OrderBy(t => t.UpdatedAt).ToListAsync(cancellationToken);
        }
        foreach (var task in pending.Where(t => t.State == TaskState.Merging))
        {
            await board.TransitionAsync(task.Id, TaskTrigger.Retry, "the merge was cut short by a restart; trying again", null, cancellationToken);
        }
        foreach (var task in pending)
        {
            try
            {
                await MergeAsync(task.Id, cancellationToken);
            }
            catch (Exception ex) when (ex is SpecValidationException or ProjectException)
            {
                // A project whose file is broken keeps its approved tasks waiting (the project
                // listing shows why); it must not stop the server from starting or the others' merges.
            }
        }
    }

    /// <summary>
    /// Applies each project's auto-merge policy: a task in review whose labels the policy names is
    /// approved in the policy's name (recorded as its review) and merged. Humans approve the rest.
    /// </summary>
    public async Task ApplyPoliciesAsync(Func<TaskId, string, string, CancellationToken, Task> approve, CancellationToken cancellationToken)
    {
        List<TaskRecord> inReview;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            inReview = await db.Tasks.AsNoTracking().Where(t => t.State == TaskState.InReview).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        }
        foreach (var group in inReview.GroupBy(t => t.ProjectId))
        {
            var project = await projects.FindAsync(group.Key.ToString(), cancellationToken);
            ProjectConfig config;
            try
            {
                config = await ProjectRegistry.LoadConfigAsync(project, cancellationToken);
            }
            catch (Exception ex) when (ex is SpecValidationException or ProjectException)
            {
                // No policy can be read from a broken project file; its tasks wait for a human.
                continue;
            }
            foreach (var task in group)
            {
                if (config.AutoMergeLabels.FirstOrDefault(l => task.Labels.Contains(l)) is { } label)
                {
                    await approve(task.Id, "policy:auto_merge_labels", $"project policy auto_merge_labels matched label '{label}'; {PolicyEvidence(task)}", cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// What the policy's approval rests on, as recorded in its review: a task reaches review only
    /// when every one of its checks passed, and one without checks passed none, which the record
    /// must not dress up as evidence.
    /// </summary>
    private static string PolicyEvidence(TaskRecord task) => task.Checks.Count switch
    {
        0 => "no checks (the task has none to run)",
        1 => "its one check passed",
        var n => $"all {n} of its checks passed",
    };

    private async Task<string?> GateAsync(TaskRecord task, string repoPath, string commit, IReadOnlyList<string> checks, CancellationToken cancellationToken)
    {
        var (refusal, results) = await gate.RunAsync(repoPath, commit, checks, cancellationToken);
        await board.AppendManyAsync(task.Id, null,
            [.. results.Select(r => (EventKind.Check, $"gate {(r.Passed ? "passed" : "FAILED")}: {r.Command} on merge result {commit[..12]}", (string?)JsonSerializer.Serialize(r)))],
            CancellationToken.None);
        return refusal;
    }

    private async Task<TaskRecord> FindAsync(TaskId id, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new TaskNotFoundException(id.ToString());
    }

    /// <summary>Removes merged worktrees beyond the project's retention, oldest first; each removal fails closed.</summary>
    private async Task CleanUpAsync(ProjectRecord project, int keep)
    {
        List<TaskRecord> merged;
        await using (var db = await dbs.CreateDbContextAsync())
        {
            merged = await db.Tasks.AsNoTracking()
                .Where(t => t.ProjectId == project.Id && t.State == TaskState.Merged && t.WorktreePath != null)
                .OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id)
                .ToListAsync();
        }
        foreach (var task in merged.Skip(keep))
        {
            var result = await worktrees.RemoveAsync(project.RepoPath, task.WorktreePath!, task.Branch!, RemoveOptions.DeleteBranchMergedInto(task.BaseBranch), CancellationToken.None);
            await board.MutateAsync(task.Id, (t, db) =>
            {
                if (result.Removed)
                {
                    t.WorktreePath = null;
                }
                board.Append(db, t, null, EventKind.Workspace,
                    result.Removed ? $"Worktree removed{(result.BranchDeleted ? " and branch deleted" : string.Empty)}" : $"Worktree kept: {result.Reason}");
            }, CancellationToken.None);
        }
    }

    private static string Describe(MergeOutcome outcome, TaskRecord task) => outcome.Kind switch
    {
        MergeOutcomeKind.Conflict => $"conflicts with {task.BaseBranch} in: {string.Join(", ", outcome.Files)}",
        MergeOutcomeKind.BlockedByLocalChanges => $"your uncommitted changes to {string.Join(", ", outcome.Files)} would be overwritten; commit or stash them, then approve again",
        MergeOutcomeKind.TargetMoved => $"{task.BaseBranch} kept moving while merging; approve again",
        MergeOutcomeKind.GateFailed => $"{outcome.Reason}; {task.BaseBranch} did not move",
        _ => $"merge failed (not a conflict): {outcome.Reason}; {task.BaseBranch} did not move. Approve again to retry",
    };
}
