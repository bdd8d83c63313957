using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Projects;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Tasks;

/// <summary>Reads tasks and their history; never writes.</summary>
public sealed class TaskQueries(IDbContextFactory<NightshiftDb> dbs)
{
    /// <summary>A task by id, or by name when the name is unique across projects.</summary>
    public async Task<TaskRecord> FindAsync(string idOrName, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var query = db.Tasks.AsNoTracking().Include(t => t.DependsOn);
        if (long.TryParse(idOrName.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await query.SingleOrDefaultAsync(t => t.Id == new TaskId(id), cancellationToken)
                ?? throw new TaskNotFoundException(idOrName);
        }
        var named = await query.Where(t => t.Name == idOrName).Take(2).ToListAsync(cancellationToken);
        return named.Count switch
        {
            1 => named[0],
            0 => throw new TaskNotFoundException(idOrName),
            _ => throw new ArgumentException($"Several projects have a task named '{idOrName}'; use its id instead."),
        };
    }

    /// <summary>Every task (in <paramref name="state"/>, when given) in id order, without its large text, as <see cref="ListPageAsync(TaskFilter, long, int, CancellationToken)"/> reads them.</summary>
    public async Task<IReadOnlyList<TaskRecord>> ListAsync(TaskState? state, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var query = db.Tasks.AsNoTracking();
        if (state is { } s)
        {
            query = query.Where(t => t.State == s);
        }
        return await WithoutLargeText(query.OrderBy(t => t.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>The most tasks one page of <see cref="ListPageAsync(TaskFilter, long, int, CancellationToken)"/> holds, and its size when none is asked for.</summary>
    public const int MaxPageSize = 500;

    /// <summary>
    /// One page of tasks in id order, those after <paramref name="afterId"/>, at most <paramref name="limit"/>.
    /// A listing reads none of a task's large text: <see cref="TaskRecord.SpecText"/>, <see cref="TaskRecord.Body"/>,
    /// <see cref="TaskRecord.Command"/> and <see cref="TaskRecord.Checks"/> come back empty and the plan
    /// null; <see cref="FindAsync"/> reads one task whole. So a list costs the same whatever the specs hold.
    /// </summary>
    public Task<IReadOnlyList<TaskRecord>> ListPageAsync(TaskState? state, long afterId, int limit, CancellationToken cancellationToken) =>
        ListPageAsync(new TaskFilter(state), afterId, limit, cancellationToken);

    /// <summary>
    /// As <see cref="ListPageAsync(TaskState?, long, int, CancellationToken)"/>, only the tasks <paramref name="filter"/> lets
    /// through. The filter is part of the statement, so a page is full whenever more matching tasks follow.
    /// </summary>
    /// <exception cref="ProjectException">The filter names a project that is not registered.</exception>
    public async Task<IReadOnlyList<TaskRecord>> ListPageAsync(TaskFilter filter, long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var query = db.Tasks.AsNoTracking().Where(t => t.Id > new TaskId(afterId));
        if (filter.State is { } s)
        {
            query = query.Where(t => t.State == s);
        }
        if (filter.Project is { } project)
        {
            var named = db.Projects.AsNoTracking().Where(p => p.Name == project);
            if (long.TryParse(project, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                var id = new ProjectId(n);
                named = db.Projects.AsNoTracking().Where(p => p.Name == project || p.Id == id);
            }
            var projects = await named.Select(p => p.Id).ToListAsync(cancellationToken);
            if (projects.Count == 0)
            {
                throw new ProjectException($"No project '{project}': give a project's id or name as `nightshift projects` lists them.");
            }
            query = query.Where(t => projects.Contains(t.ProjectId));
        }
        if (filter.Label is { } label)
        {
            query = query.Where(t => t.Labels.Contains(label));
        }
        if (filter.Agent is { } agent)
        {
            query = query.Where(t => t.Agent == agent);
        }
        return await WithoutLargeText(query.OrderBy(t => t.Id).Take(limit)).ToListAsync(cancellationToken);
    }

    /// <summary>How many tasks are in each state (states with none are absent).</summary>
    public async Task<IReadOnlyDictionary<TaskState, int>> CountByStateAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var counts = await db.Tasks.AsNoTracking().GroupBy(t => t.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Key, c => c.Count);
    }

    public async Task<IReadOnlyList<EventRecord>> EventsAsync(TaskId task, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Events.AsNoTracking()
            .Where(e => e.TaskId == task && e.Seq > afterSeq)
            .OrderBy(e => e.Seq)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The task's events of the given kinds, oldest first, up to <paramref name="beforeOrAtSeq"/>; for the few kinds a page shows whole (decisions, checks, plans).</summary>
    public async Task<IReadOnlyList<EventRecord>> EventsOfKindsAsync(TaskId task, IReadOnlyCollection<string> kinds, long beforeOrAtSeq, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Events.AsNoTracking()
            .Where(e => e.TaskId == task && e.Seq <= beforeOrAtSeq && kinds.Contains(e.Kind))
            .OrderBy(e => e.Seq)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RunRecord>> RunsAsync(TaskId task, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Where(r => r.TaskId == task).OrderBy(r => r.Attempt).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewRecord>> ReviewsAsync(TaskId task, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Reviews.AsNoTracking().Where(r => r.TaskId == task).OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CommentRecord>> CommentsAsync(TaskId task, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Comments.AsNoTracking().Where(c => c.TaskId == task).OrderBy(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Tasks with an agent at work or waiting on a human mid-run, each with its latest progress and line.</summary>
    public async Task<IReadOnlyList<TaskActivity>> ActivityAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var active = await db.Tasks.AsNoTracking().Include(t => t.DependsOn)
            .Where(t => t.State == TaskState.Running || t.State == TaskState.Planning || t.State == TaskState.NeedsInput
                || t.State == TaskState.Verifying || t.State == TaskState.AwaitingPlanApproval || t.State == TaskState.Merging)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var result = new List<TaskActivity>(active.Count);
        foreach (var task in active)
        {
            var progress = await db.Events.AsNoTracking()
                .Where(e => e.TaskId == task.Id && e.Kind == EventKind.Progress)
                .OrderByDescending(e => e.Seq).Select(e => e.Message).FirstOrDefaultAsync(cancellationToken);
            var last = await db.Events.AsNoTracking()
                .Where(e => e.TaskId == task.Id)
                .OrderByDescending(e => e.Seq).Select(e => e.Message).FirstOrDefaultAsync(cancellationToken);
            var started = await db.Runs.AsNoTracking()
                .Where(r => r.TaskId == task.Id).OrderByDescending(r => r.Attempt).Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefaultAsync(cancellationToken);
            result.Add(new TaskActivity(task, TaskActivity.PercentOf(progress), last, started));
        }
        return result;
    }

    /// <summary>Reads a listing's columns only: the spec, body, command, checks and plan are left empty, whatever size they are.</summary>
    private static IQueryable<TaskRecord> WithoutLargeText(IQueryable<TaskRecord> tasks) => tasks.Select(t => new TaskRecord
    {
        Id = t.Id,
        ProjectId = t.ProjectId,
        Name = t.Name,
        Title = t.Title,
        Body = string.Empty,
        SpecText = string.Empty,
        SpecFile = t.SpecFile,
        Agent = t.Agent,
        Model = t.Model,
        Priority = t.Priority,
        BaseBranch = t.BaseBranch,
        Branch = t.Branch,
        Plan = t.Plan,
        MaxRetries = t.MaxRetries,
        Timeout = t.Timeout,
        Labels = t.Labels,
        State = t.State,
        StateReason = t.StateReason,
        Attempts = t.Attempts,
        NotBefore = t.NotBefore,
        WorktreePath = t.WorktreePath,
        HeadCommit = t.HeadCommit,
        MergedCommit = t.MergedCommit,
        LastEventSeq = t.LastEventSeq,
        ProgressPercent = t.ProgressPercent,
        ProgressLine = t.ProgressLine,
        PlanApprovedAt = t.PlanApprovedAt,
        CreatedAt = t.CreatedAt,
        UpdatedAt = t.UpdatedAt,
        DependsOn = t.DependsOn.ToList(),
    });
}
