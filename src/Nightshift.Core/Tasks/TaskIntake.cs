using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Agents;
using Nightshift.Core.Git;
using Nightshift.Core.Projects;
using Nightshift.Core.Specs;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Tasks;

/// <summary>
/// Turns a spec into a queued task: parse, resolve against the project's defaults and the tasks
/// it depends on, and store it with its first event. Any problem is reported with file, line and
/// field, and nothing is stored.
/// </summary>
public sealed class TaskIntake(IDbContextFactory<NightshiftDb> dbs, ProjectRegistry projects, GitCli git, TaskBoard board, EventSignal signal, AgentCatalog agents)
{
    public async Task<TaskRecord> AddAsync(string? project, string specText, string specFile, CancellationToken cancellationToken)
    {
        var parsed = SpecParser.Parse(specText, specFile);
        if (!parsed.IsValid)
        {
            throw new SpecValidationException(parsed.Errors);
        }
        var spec = parsed.Spec!;
        var proj = await projects.FindAsync(project, cancellationToken);
        var config = await ProjectRegistry.LoadConfigAsync(proj, cancellationToken);

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var errors = new List<SpecError>();
        var agent = spec.Agent ?? config.DefaultAgent;
        if (KnownAgents.Problem(agent) is { } unknown)
        {
            errors.Add(Error(specText, specFile, "agent", unknown));
        }
        else if (agent == KnownAgents.Command && string.IsNullOrWhiteSpace(spec.Command))
        {
            errors.Add(Error(specText, specFile, "command", "the command agent needs a command line: add `command: <what to run>` to the front matter"));
        }
        else if (agents.Find(agent)?.Cli is { } cli && await cli.Tool.RefusalAsync(cli.Executable, cancellationToken) is { } tooOld)
        {
            // Refused here rather than queued to fail: the CLI would reject the flags this version of Nightshift passes.
            errors.Add(Error(specText, specFile, "agent", tooOld));
        }
        if (agent == KnownAgents.Command && spec.Plan == PlanMode.Required)
        {
            // A command is run, not asked: it has no plan to show and wait on.
            errors.Add(Error(specText, specFile, "plan",
                $"the command agent runs a command and cannot show a plan; remove `plan: required`, or set an agent that can plan ({string.Join(", ", KnownAgents.Names.Where(n => n != KnownAgents.Command))})"));
        }
        var baseBranch = spec.Base ?? config.TargetBranch;
        var verify = await git.RunAsync(proj.RepoPath, ["rev-parse", "--verify", "--quiet", $"refs/heads/{baseBranch}^{{commit}}"], cancellationToken);
        if (verify.ExitCode != 0)
        {
            errors.Add(Error(specText, specFile, spec.Base is null ? "base" : "base",
                $"branch '{baseBranch}' does not exist in {proj.RepoPath}; create it or set `base:` to an existing branch"));
        }
        await projects.EnsureSupportedAsync(proj, baseBranch, cancellationToken);
        if (spec.Name is { } name && await db.Tasks.AnyAsync(t => t.ProjectId == proj.Id && t.Name == name, cancellationToken))
        {
            errors.Add(Error(specText, specFile, "name", $"a task named '{name}' already exists in project '{proj.Name}'; choose another name"));
        }
        var dependencies = await ResolveDependenciesAsync(db, proj.Id, spec, specText, specFile, errors, cancellationToken);
        if (errors.Count > 0)
        {
            throw new SpecValidationException(errors);
        }

        var now = board.Time.GetUtcNow();
        var task = new TaskRecord
        {
            ProjectId = proj.Id,
            Name = spec.Name,
            Title = spec.Title,
            Body = spec.Body,
            SpecText = specText,
            SpecFile = Path.GetFileName(specFile),
            Agent = agent,
            Model = spec.Model ?? config.Models.GetValueOrDefault(agent),
            Command = spec.Command,
            Priority = spec.Priority,
            BaseBranch = baseBranch,
            Plan = spec.Plan,
            MaxRetries = spec.MaxRetries ?? 2,
            Timeout = spec.Timeout,
            Labels = [.. spec.Labels],
            Checks = [.. config.Checks, .. spec.Checks],
            State = TaskState.Queued,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        task.Branch = $"nightshift/{task.Id}-{Slug.From(task.Title)}";
        task.DependsOn.AddRange(dependencies.Select(d => new TaskDependencyRecord { TaskId = task.Id, DependsOnId = d }));
        board.Append(db, task, null, EventKind.Created, $"Task created from {task.SpecFile}: {task.Title}");
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        signal.Notify(task.Id, stateChanged: true);
        return task;
    }

    private static async Task<List<TaskId>> ResolveDependenciesAsync(
        NightshiftDb db, ProjectId project, TaskSpec spec, string specText, string specFile, List<SpecError> errors, CancellationToken cancellationToken)
    {
        var resolved = new List<TaskId>();
        foreach (var reference in spec.DependsOn)
        {
            TaskRecord? found;
            if (long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                found = await db.Tasks.SingleOrDefaultAsync(t => t.Id == new TaskId(id), cancellationToken);
                if (found is not null && found.ProjectId != project)
                {
                    errors.Add(Error(specText, specFile, "depends_on", $"task {id} belongs to another project; a task can only depend on tasks of its own repository"));
                    continue;
                }
            }
            else
            {
                if (reference == spec.Name)
                {
                    errors.Add(Error(specText, specFile, "depends_on", $"the task cannot depend on itself ('{reference}')"));
                    continue;
                }
                found = await db.Tasks.SingleOrDefaultAsync(t => t.ProjectId == project && t.Name == reference, cancellationToken);
            }
            if (found is null)
            {
                errors.Add(Error(specText, specFile, "depends_on", $"no task '{reference}' in this project; add that task first, or fix the id or name"));
                continue;
            }
            resolved.Add(found.Id);
        }
        return resolved;
    }

    private static SpecError Error(string specText, string specFile, string field, string message) =>
        new(specFile, FrontMatterLines.LineOf(specText, field), 1, field, message);
}
