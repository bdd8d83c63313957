using Nightshift.Client;
using Nightshift.Core.Storage;

namespace Nightshift.Server.Api;

/// <summary>Maps stored records to the API's shapes.</summary>
public static class Dto
{
    public static ProjectDto From(ProjectRecord p) => new(p.Id.Value, p.Name, p.RepoPath);

    /// <summary>An agent as the API and an offline `nightshift agents` both report it.</summary>
    public static AgentDto From(Core.Agents.AgentStatus a) => new(
        a.Name, a.Available, a.Executable, a.Version,
        a.Capabilities is { } c
            ? [.. new[] { (c.SteerMidTurn, "steer mid-turn"), (c.Resume, "resume"), (c.PlanMode, "plan mode"), (c.ReportsUsage, "usage") }.Where(x => x.Item1).Select(x => x.Item2)]
            : [],
        a.Note,
        a.SignIn);

    public static QueueHoldDto From(Core.Dispatch.QueueHold h) => new(h.Node, h.Reason, h.Remedy, h.Message) { Kind = h.Kind.ToString(), Until = h.Until };

    /// <summary>What holds one queued task back, as <see cref="TaskDto.Waiting"/> lines.</summary>
    public static IReadOnlyList<string> Waiting(IReadOnlyDictionary<Core.Tasks.TaskId, IReadOnlyList<Core.Dispatch.QueueHold>> holds, Core.Tasks.TaskId task) =>
        holds.TryGetValue(task, out var found) ? [.. found.Select(h => h.Message)] : [];

    public static TaskDto From(TaskRecord t) => new(
        t.Id.Value,
        t.ProjectId.Value,
        t.Name,
        t.Title,
        t.State.ToString(),
        t.StateReason,
        t.Priority.ToString().ToLowerInvariant(),
        t.Agent,
        t.BaseBranch,
        t.Branch,
        t.Attempts,
        t.Labels,
        [.. t.DependsOn.Select(d => d.DependsOnId.Value)],
        t.HeadCommit,
        t.MergedCommit,
        t.CreatedAt,
        t.UpdatedAt,
        t.ProgressPercent,
        t.ProgressLine,
        t.PlanText,
        t.PlanApprovedAt)
    {
        Model = t.Model,
    };

    public static IReadOnlyList<PlanStepDto> Plan(TaskRecord t) => [.. Core.Plans.PlanJson.Read(t.PlanJson).Select(s => new PlanStepDto(s.Step, s.Done))];

    public static RunDto From(RunRecord r) => new(
        r.Id.Value, r.TaskId.Value, r.Attempt, r.Agent, r.State.ToString(), r.NodeId, r.StartedAt, r.EndedAt,
        r.ExitCode, r.Error, r.HeadCommit, r.InputTokens, r.OutputTokens, r.CostUsd, r.ChangedNothing);

    public static EventDto From(EventRecord e) => new(e.TaskId.Value, e.Seq, e.RunId?.Value, e.At, e.Kind, e.Message, e.Data);

    /// <summary>A comment; <paramref name="runs"/>, the task's runs, give the number of the run that received it.</summary>
    public static CommentDto From(CommentRecord c, IReadOnlyList<RunRecord> runs) => new(
        c.Id, c.TaskId.Value, c.Author, c.Body, c.Mode.ToString().ToLowerInvariant(), c.File, c.Line, c.CreatedAt, c.DeliveredAt, c.DeliveredToRunId?.Value,
        runs.FirstOrDefault(r => r.Id == c.DeliveredToRunId)?.Attempt);

    /// <summary>A comment just added: no run has received it yet.</summary>
    public static CommentDto From(CommentRecord c) => From(c, []);

    /// <summary>One task whole, as <c>GET /api/tasks/{id}</c> and the review bundle give it.</summary>
    public static TaskDetailDto Detail(
        TaskRecord task, IReadOnlyList<RunRecord> runs, IReadOnlyList<ReviewRecord> reviews, IReadOnlyList<CommentRecord> comments, IReadOnlyList<string> waiting) => new(
        From(task) with { Waiting = waiting }, task.Body, task.SpecFile, task.Command, task.Checks, task.WorktreePath,
        [.. runs.Select(From)], [.. reviews.Select(From)], [.. comments.Select(c => From(c, runs))], Plan(task));

    public static ReviewDto From(ReviewRecord r) => new(
        r.Id, r.TaskId.Value, r.Reviewer, r.Decision.ToString(), r.Message, r.Commit, r.CreatedAt, r.WaitedForReview);
}
