using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Nightshift.Core.Projects;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Storage;

/// <summary>
/// The store. The model is provider-neutral: SQLite-only choices (instants as numbers so they
/// sort and compare in SQL) are applied only when the provider is SQLite.
/// </summary>
public sealed class NightshiftDb(DbContextOptions<NightshiftDb> options) : DbContext(options)
{
    public DbSet<ProjectRecord> Projects => Set<ProjectRecord>();
    public DbSet<TaskRecord> Tasks => Set<TaskRecord>();
    public DbSet<TaskDependencyRecord> TaskDependencies => Set<TaskDependencyRecord>();
    public DbSet<RunRecord> Runs => Set<RunRecord>();
    public DbSet<EventRecord> Events => Set<EventRecord>();
    public DbSet<CommentRecord> Comments => Set<CommentRecord>();
    public DbSet<ReviewRecord> Reviews => Set<ReviewRecord>();
    public DbSet<NodeRecord> Nodes => Set<NodeRecord>();
    public DbSet<AgentLimitRecord> AgentLimits => Set<AgentLimitRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<TaskId>().HaveConversion<TaskIdConverter>();
        configurationBuilder.Properties<RunId>().HaveConversion<RunIdConverter>();
        configurationBuilder.Properties<ProjectId>().HaveConversion<ProjectIdConverter>();
        if (Database.IsSqlite())
        {
            // SQLite has no instant type; as UTC ticks, instants order and compare in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<decimal>().HaveConversion<double>();
        }
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProjectRecord>(e =>
        {
            e.ToTable("projects");
            e.Property(p => p.Id).ValueGeneratedOnAdd();
            e.HasIndex(p => p.RepoPath).IsUnique();
            e.HasIndex(p => p.Name).IsUnique();
            e.Property(p => p.ClaimSeq).IsConcurrencyToken();
        });
        modelBuilder.Entity<TaskRecord>(e =>
        {
            e.ToTable("tasks");
            e.Property(t => t.Id).ValueGeneratedOnAdd();
            e.HasOne<ProjectRecord>().WithMany().HasForeignKey(t => t.ProjectId);
            e.HasIndex(t => new { t.ProjectId, t.Name }).IsUnique();
            // Every change to a task appends an event and bumps this number, so it doubles as the
            // optimistic concurrency token: two writers cannot both commit from the same version.
            e.Property(t => t.LastEventSeq).IsConcurrencyToken();
            // Stored as a number so "highest priority first" is an ORDER BY.
            e.Property(t => t.Priority).HasConversion<int>();
            e.HasIndex(t => new { t.State, t.Priority, t.Id });
            e.HasMany(t => t.DependsOn).WithOne().HasForeignKey(d => d.TaskId);
        });
        modelBuilder.Entity<TaskDependencyRecord>(e =>
        {
            e.ToTable("task_dependencies");
            e.HasKey(d => new { d.TaskId, d.DependsOnId });
            e.HasOne<TaskRecord>().WithMany().HasForeignKey(d => d.DependsOnId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<RunRecord>(e =>
        {
            e.ToTable("runs");
            e.Property(r => r.Id).ValueGeneratedOnAdd();
            e.HasOne<TaskRecord>().WithMany().HasForeignKey(r => r.TaskId);
            e.HasIndex(r => new { r.TaskId, r.Attempt }).IsUnique();
            e.HasIndex(r => new { r.State, r.LeaseExpiresAt });
            e.HasIndex(r => new { r.NodeId, r.State });
            // Two nodes that pick the same free port block at once cannot both commit their claims:
            // the second one's save fails as a conflict, and its claim starts over on fresh rows.
            e.HasIndex(r => r.PortBase).IsUnique().HasFilter("\"State\" = 'Running' AND \"PortBase\" IS NOT NULL");
        });
        modelBuilder.Entity<EventRecord>(e =>
        {
            e.ToTable("events");
            e.HasOne<TaskRecord>().WithMany().HasForeignKey(v => v.TaskId);
            // The per-task sequence is unique: two writers racing for the same seq cannot both commit.
            e.HasIndex(v => new { v.TaskId, v.Seq }).IsUnique();
        });
        modelBuilder.Entity<CommentRecord>(e =>
        {
            e.ToTable("comments");
            e.HasOne<TaskRecord>().WithMany().HasForeignKey(c => c.TaskId);
            e.HasIndex(c => new { c.TaskId, c.DeliveredAt });
        });
        modelBuilder.Entity<ReviewRecord>(e =>
        {
            e.ToTable("reviews");
            e.HasOne<TaskRecord>().WithMany().HasForeignKey(r => r.TaskId);
            e.HasIndex(r => r.TaskId);
        });
        modelBuilder.Entity<NodeRecord>(e =>
        {
            e.ToTable("nodes");
            e.HasKey(n => n.Id);
        });
        modelBuilder.Entity<AgentLimitRecord>(e =>
        {
            e.ToTable("agent_limits");
            e.HasKey(l => new { l.NodeId, l.Agent });
        });
        if (Database.IsSqlite())
        {
            // Ids are never reused, even after the newest row is deleted. Said explicitly because
            // EF does not infer AUTOINCREMENT for keys behind a value converter (typed ids).
            foreach (var entity in new[] { typeof(ProjectRecord), typeof(TaskRecord), typeof(RunRecord) })
            {
                modelBuilder.Entity(entity).Property("Id").UseAutoincrement();
            }
        }
    }

    private sealed class TaskIdConverter() : ValueConverter<TaskId, long>(v => v.Value, v => new TaskId(v));

    private sealed class RunIdConverter() : ValueConverter<RunId, long>(v => v.Value, v => new RunId(v));

    private sealed class ProjectIdConverter() : ValueConverter<ProjectId, long>(v => v.Value, v => new ProjectId(v));

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
