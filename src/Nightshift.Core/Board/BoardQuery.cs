using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Board;

/// <summary>
/// Reads every task as a board card. One round trip to the store however many tasks there are:
/// the runs' totals and the latest progress and line are correlated subqueries of the same
/// statement, and the event lookups run only for tasks with an agent at work.
/// </summary>
public sealed class BoardQuery(IDbContextFactory<NightshiftDb> dbs)
{
    /// <summary>States in which an agent is at work or paused mid-run: their cards show progress.</summary>
    private static readonly TaskState[] Working =
        [TaskState.Planning, TaskState.AwaitingPlanApproval, TaskState.Running, TaskState.NeedsInput, TaskState.Verifying];

    public async Task<IReadOnlyList<BoardCard>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var rows = await db.Tasks.AsNoTracking()
            .OrderByDescending(t => t.Id)
            .Select(t => new
            {
                t.Id,
                t.Title,
                t.ProjectId,
                Project = db.Projects.Where(p => p.Id == t.ProjectId).Select(p => p.Name).FirstOrDefault(),
                t.Agent,
                t.State,
                t.StateReason,
                t.Labels,
                t.CreatedAt,
                t.UpdatedAt,
                RunStartedAt = db.Runs.Where(r => r.TaskId == t.Id).OrderByDescending(r => r.Attempt).Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefault(),
                Runs = db.Runs.Count(r => r.TaskId == t.Id),
                // Summed as double: SQLite stores amounts as REAL and has no decimal aggregate.
                Cost = db.Runs.Where(r => r.TaskId == t.Id).Sum(r => (double)r.CostUsd),
                Tokens = db.Runs.Where(r => r.TaskId == t.Id).Sum(r => r.InputTokens + r.OutputTokens),
                Progress = Working.Contains(t.State)
                    ? db.Events.Where(e => e.TaskId == t.Id && e.Kind == EventKind.Progress).OrderByDescending(e => e.Seq).Select(e => e.Message).FirstOrDefault()
                    : null,
                LastLine = Working.Contains(t.State)
                    ? db.Events.Where(e => e.TaskId == t.Id && e.Seq == t.LastEventSeq).Select(e => e.Message).FirstOrDefault()
                    : null,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new BoardCard(
            r.Id, r.Title, r.ProjectId, r.Project ?? r.ProjectId.ToString(), r.Agent, r.State, r.StateReason, r.Labels,
            r.CreatedAt, r.UpdatedAt, r.RunStartedAt, TaskActivity.PercentOf(r.Progress), FirstLine(r.Progress is { } p ? StripPercent(p) : r.LastLine),
            r.Runs, (decimal)r.Cost, r.Tokens))];
    }

    private static string StripPercent(string progress)
    {
        var end = progress.IndexOf('%', StringComparison.Ordinal);
        return end > 0 && TaskActivity.PercentOf(progress) is not null ? progress[(end + 1)..].TrimStart() : progress;
    }

    private static string? FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var line = text.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        return (end < 0 ? line : line[..end]).ToString();
    }
}
