using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Projects;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Bench;

/// <summary>Writes a store's worth of tasks straight into the database: a mix of states, each with its events and a run.</summary>
internal static class DashboardSeed
{
    public const int EventsPerTask = 12;

    public static async Task<TaskId> SeedAsync(IServiceProvider services, ProjectId project, int tasks)
    {
        var dbs = services.GetRequiredService<IDbContextFactory<NightshiftDb>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var newestRunning = default(TaskId);
        const int Batch = 100;
        for (var start = 0; start < tasks; start += Batch)
        {
            await using var db = await dbs.CreateDbContextAsync();
            var records = new List<TaskRecord>();
            for (var i = start; i < Math.Min(tasks, start + Batch); i++)
            {
                var state = StateOf(i);
                records.Add(new TaskRecord
                {
                    ProjectId = project,
                    Title = $"Bench task {i}: a title of ordinary length",
                    Body = "Nothing to do.",
                    SpecText = "# Bench",
                    SpecFile = $"bench-{i}.md",
                    Agent = i % 3 == 0 ? "claude" : "builtin",
                    BaseBranch = "main",
                    Labels = i % 2 == 0 ? ["api"] : ["docs", "ui"],
                    State = state,
                    // Queued tasks wait far in the future, so nothing claims them during the bench.
                    NotBefore = state == TaskState.Queued ? now.AddDays(1) : null,
                    LastEventSeq = EventsPerTask,
                    CreatedAt = now.AddMinutes(-tasks + i),
                    UpdatedAt = now.AddMinutes(-tasks + i + 1),
                });
            }
            db.Tasks.AddRange(records);
            await db.SaveChangesAsync();
            foreach (var task in records)
            {
                db.Runs.Add(new RunRecord
                {
                    TaskId = task.Id,
                    Attempt = 1,
                    Agent = task.Agent,
                    NodeId = "bench",
                    State = RunState.Running,
                    StartedAt = task.CreatedAt,
                    LeaseExpiresAt = now.AddDays(1),
                    CostUsd = 0.12m,
                    InputTokens = 20_000,
                    OutputTokens = 3_000,
                });
                for (var seq = 1; seq <= EventsPerTask; seq++)
                {
                    var kind = seq % 4 == 0 ? EventKind.Progress : EventKind.ToolCall;
                    db.Events.Add(new EventRecord
                    {
                        TaskId = task.Id,
                        Seq = seq,
                        At = task.CreatedAt.AddSeconds(seq),
                        Kind = kind,
                        Message = kind == EventKind.Progress ? $"{seq * 8}% step {seq}" : $"run_command dotnet test --filter step{seq}",
                    });
                }
                if (task.State == TaskState.Running)
                {
                    newestRunning = task.Id;
                }
            }
            await db.SaveChangesAsync();
        }
        return newestRunning;
    }

    /// <summary>Most tasks are done; a few dozen are at work or wait on a human, as in a store after some weeks.</summary>
    private static TaskState StateOf(int i) => (i % 20) switch
    {
        0 => TaskState.Running,
        1 => TaskState.InReview,
        2 => TaskState.Queued,
        3 when i % 40 == 3 => TaskState.Failed,
        3 => TaskState.NeedsInput,
        _ => TaskState.Merged,
    };
}
