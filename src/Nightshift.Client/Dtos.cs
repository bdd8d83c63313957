namespace Nightshift.Client;

/// <summary>A registered repository.</summary>
/// <param name="Id">The project's id.</param>
/// <param name="Name">A short name, from the repository's folder.</param>
/// <param name="RepoPath">The repository's top-level folder on the server's machine.</param>
/// <param name="Problem">
/// Why the project is broken and its tasks wait in the queue (its repository is missing, its <c>.nightshift/project.yml</c>
/// is invalid, with file, line and key), or null when it is fine. Other projects run regardless.
/// </param>
public sealed record ProjectDto(long Id, string Name, string RepoPath, string? Problem = null);

/// <summary>Registers the repository at <paramref name="Path"/>.</summary>
public sealed record RegisterProjectRequest(string Path);

/// <summary>Adds a task from a spec's text.</summary>
/// <param name="Project">The project's id or name; may be omitted when only one project is registered.</param>
/// <param name="SpecText">The spec: Markdown with optional YAML front matter.</param>
/// <param name="SpecFile">The spec's file name, used in error messages.</param>
public sealed record AddTaskRequest(string? Project, string SpecText, string SpecFile);

/// <summary>
/// A task as listed. For a plan-gated task (<c>plan: required</c>), <c>PlanText</c> is the plan the
/// agent showed for approval and <c>PlanApprovedAt</c> when a human approved it (null while it waits).
/// The task list leaves <c>PlanText</c> out (null); reading one task gives it.
/// </summary>
public sealed record TaskDto(
    long Id,
    long ProjectId,
    string? Name,
    string Title,
    string State,
    string? StateReason,
    string Priority,
    string Agent,
    string BaseBranch,
    string? Branch,
    int Attempts,
    IReadOnlyList<string> Labels,
    IReadOnlyList<long> DependsOn,
    string? HeadCommit,
    string? MergedCommit,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int? ProgressPercent = null,
    string? ProgressLine = null,
    string? PlanText = null,
    DateTimeOffset? PlanApprovedAt = null)
{
    /// <summary>
    /// Why this queued task is not starting (<c>node a paused: low disk, …</c>, <c>waiting for a free
    /// slot (2 of 2 busy)</c>); empty when nothing holds it back, or it is not queued.
    /// </summary>
    public IReadOnlyList<string> Waiting { get; init; } = [];

    /// <summary>The model the agent is asked to use: the spec's <c>model:</c>, else the project's default for the agent; null leaves the CLI's own default.</summary>
    public string? Model { get; init; }
}

/// <summary>One step of the plan the agent keeps on its task.</summary>
public sealed record PlanStepDto(string Step, bool Done);

/// <summary>One task with its spec, runs and reviews.</summary>
public sealed record TaskDetailDto(
    TaskDto Task,
    string Body,
    string SpecFile,
    string? Command,
    IReadOnlyList<string> Checks,
    string? WorktreePath,
    IReadOnlyList<RunDto> Runs,
    IReadOnlyList<ReviewDto> Reviews,
    IReadOnlyList<CommentDto> Comments,
    IReadOnlyList<PlanStepDto>? Plan = null);

/// <summary>One agent session on a task.</summary>
/// <param name="Id">The run's id, unique across all tasks: what the API's run references (<see cref="EventDto.RunId"/>, <see cref="CommentDto.DeliveredToRunId"/>) hold. Not shown to people.</param>
/// <param name="TaskId">The task's id.</param>
/// <param name="Attempt">
/// The run's number on its task: 1, 2, 3… The one number people see: "Run 2 started" in the log, the
/// Run column of <c>nightshift show</c>, <c>nightshift logs --output --run 2</c>, "delivered to run 2" on a
/// comment, and the dashboard all mean this number.
/// </param>
/// <param name="Agent">The agent that worked the run.</param>
/// <param name="State">Running, Succeeded, Failed, Interrupted…</param>
/// <param name="NodeId">The node that ran it.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended; null while it runs.</param>
/// <param name="ExitCode">The agent's exit code, when it had one.</param>
/// <param name="Error">Why it failed, when it did.</param>
/// <param name="HeadCommit">The commit it left the task's branch at.</param>
/// <param name="InputTokens">Tokens the model read, when the agent reports usage.</param>
/// <param name="OutputTokens">Tokens the model wrote, when the agent reports usage.</param>
/// <param name="CostUsd">What the run cost, when the agent reports it.</param>
/// <param name="ChangedNothing">True when the run left the task's branch where it started: a follow-up that produced no change.</param>
public sealed record RunDto(
    long Id,
    long TaskId,
    int Attempt,
    string Agent,
    string State,
    string NodeId,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int? ExitCode,
    string? Error,
    string? HeadCommit,
    long InputTokens,
    long OutputTokens,
    decimal CostUsd,
    bool ChangedNothing = false);

/// <summary>One entry of a task's history; <see cref="Seq"/> counts 1, 2, 3… per task.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Seq">The event's number on its task.</param>
/// <param name="RunId">The run it came from, as <see cref="RunDto.Id"/> (not its number on the task, <see cref="RunDto.Attempt"/>); null for events outside a run.</param>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What kind of event: state, message, tool, progress, comment, check…</param>
/// <param name="Message">The event in words; a run in it is named by its number on the task.</param>
/// <param name="Data">Structured detail for some kinds (a check's result), as JSON.</param>
public sealed record EventDto(long TaskId, long Seq, long? RunId, DateTimeOffset At, string Kind, string Message, string? Data);

/// <summary>Feedback on a task and whether it has reached a run.</summary>
/// <param name="Id">The comment's id.</param>
/// <param name="TaskId">The task's id.</param>
/// <param name="Author">Who wrote it.</param>
/// <param name="Body">What it says.</param>
/// <param name="Mode">steer, queue, review or answer.</param>
/// <param name="File">The file it is about, for a review comment.</param>
/// <param name="Line">The line it is about, for a review comment.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="DeliveredAt">When a run received it; null while pending.</param>
/// <param name="DeliveredToRunId">The run that received it, as <see cref="RunDto.Id"/>; null while pending.</param>
/// <param name="DeliveredToAttempt">
/// The run that received it by its number on the task (<see cref="RunDto.Attempt"/>), the number to show:
/// "delivered to run 2" is the run the log says "Run 2 started" of. Null while pending.
/// </param>
public sealed record CommentDto(
    long Id,
    long TaskId,
    string Author,
    string Body,
    string Mode,
    string? File,
    int? Line,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt,
    long? DeliveredToRunId,
    int? DeliveredToAttempt = null)
{
    /// <summary>
    /// Set on the answer to a comment just given when it will not reach the working session as its
    /// mode says, e.g. "queued: this agent takes feedback only on a follow-up run"; null otherwise.
    /// </summary>
    public string? Notice { get; init; }
}

/// <summary>Leaves a comment. <paramref name="Mode"/> is steer, queue or review.</summary>
public sealed record AddCommentRequest(string Body, string Mode = "queue", string? File = null, int? Line = null);

/// <summary>A human's decision on a task.</summary>
public sealed record ReviewDto(long Id, long TaskId, string Reviewer, string Decision, string? Message, string? Commit, DateTimeOffset CreatedAt, TimeSpan WaitedForReview);

/// <summary>Approve, reject, cancel or retry, with an optional message.</summary>
public sealed record DecisionRequest(string? Message);

/// <summary>Approves the plan a plan-gated task shows; the <paramref name="Note"/>, if any, reaches the agent with it.</summary>
public sealed record ApprovePlanRequest(string? Note);

/// <summary>Sends a plan back: the agent plans again with the <paramref name="Feedback"/>, which is required.</summary>
public sealed record RevisePlanRequest(string Feedback);

/// <summary>One problem in a submitted spec or project file.</summary>
public sealed record ProblemItem(string File, int Line, int Column, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}: {Field}: {Message}";
}

/// <summary>The body of every error response.</summary>
/// <param name="Error">What went wrong and what to do.</param>
/// <param name="Code">A stable machine-readable code: unauthorized, not_found, invalid_spec, invalid_transition, invalid_request, conflict.</param>
/// <param name="Problems">Details for invalid specs: file, line, field.</param>
public sealed record ErrorDto(string Error, string Code, IReadOnlyList<ProblemItem>? Problems = null);

/// <summary>
/// A running server's address, process and node name: each node's in <c>nodes/&lt;node&gt;.json</c> in the
/// data folder, and the one the CLI talks to in <c>server.json</c>, while they run.
/// </summary>
public sealed record ServerInfo(string Url, int Pid, DateTimeOffset StartedAt, string? Node = null);

/// <summary>A task at work, for `nightshift watch`: its progress (0–100, when reported) and its last line.</summary>
public sealed record TaskActivityDto(TaskDto Task, int? Percent, string? LastLine, DateTimeOffset? RunStartedAt);

/// <summary>The answer to an agent's question.</summary>
public sealed record AnswerRequest(string Text);

/// <summary>One thing that waits for a human, with the command that acts on it.</summary>
/// <param name="Task">The task.</param>
/// <param name="Kind">question, planapproval, conflict, failed, blocked or review; the list is sorted most urgent first.</param>
/// <param name="Summary">Why it waits: the question, the failure, the conflicting files.</param>
/// <param name="Since">When it started waiting.</param>
/// <param name="Action">The command that acts on it.</param>
public sealed record InboxItemDto(TaskDto Task, string Kind, string Summary, DateTimeOffset Since, string Action);

/// <summary>The evidence of one acceptance check: command, commit, exit code, and the end of its output.</summary>
public sealed record CheckResultDto(string Command, string? Commit, int? ExitCode, bool TimedOut, bool Passed, TimeSpan Duration, string OutputTail, DateTimeOffset At);

/// <summary>Everything a reviewer needs on one screen: what was asked, what the agent said and decided, the checks, the diff.</summary>
/// <param name="Detail">The task, its runs, reviews and comments.</param>
/// <param name="Summary">The agent's own summary of its latest run.</param>
/// <param name="Decisions">Decisions the agent recorded.</param>
/// <param name="Checks">The acceptance checks' evidence.</param>
/// <param name="Diff">The task's committed work.</param>
/// <param name="Flags">What the diff does not show and a reviewer should weigh: commits the agent made itself, changes to its own git directory, drivers named in <c>.gitattributes</c> that the repository lacks, an old branch left alone.</param>
public sealed record ReviewBundleDto(
    TaskDetailDto Detail,
    string? Summary,
    IReadOnlyList<string> Decisions,
    IReadOnlyList<CheckResultDto> Checks,
    string Diff,
    IReadOnlyList<string> Flags)
{
    /// <summary>
    /// The attempt number of the run that followed the latest request for changes when it changed
    /// nothing (the diff is the one already reviewed; a flag says so too); null otherwise.
    /// </summary>
    public int? UnchangedFollowUpRun { get; init; }
}

/// <summary>An agent a spec can name, and how this server stands with it.</summary>
/// <param name="Name">The name used in <c>agent:</c>.</param>
/// <param name="Available">Whether this server can run it now.</param>
/// <param name="Executable">The CLI found on PATH, for CLI agents.</param>
/// <param name="Version">The version the CLI reports with <c>--version</c>.</param>
/// <param name="Supports">What the runtime supports: steer, resume, plan, usage.</param>
/// <param name="Note">Ready, or what to do to make it available.</param>
/// <param name="SignIn">How the CLI signs in on the user's configuration (e.g. "subscription login (~/.claude)"), or what to do; never a secret. Null for an agent without a CLI login.</param>
public sealed record AgentDto(string Name, bool Available, string? Executable, string? Version, IReadOnlyList<string> Supports, string Note, string? SignIn = null);

/// <summary>A URL that signs a browser in to the dashboard once, and how long it stays valid unused.</summary>
public sealed record SignInLinkDto(string Url, TimeSpan ValidFor);

/// <summary>A worker node as it last reported itself.</summary>
public sealed record NodeDto(string Id, string Version, bool Alive, bool Draining, string? PausedReason, DateTimeOffset StartedAt, DateTimeOffset LastHeartbeatAt, DateTimeOffset? StoppedAt);

/// <summary>One reason queued work is not starting: on which node, why, and what a person can do.</summary>
public sealed record QueueHoldDto(string Node, string Reason, string Remedy, string Message)
{
    /// <summary>Paused (a node a person frees), Slots (every slot busy) or AgentLimit (an agent's usage limit, until its reset).</summary>
    public string Kind { get; init; } = "Paused";

    /// <summary>For an AgentLimit, when the held tasks start again.</summary>
    public DateTimeOffset? Until { get; init; }
}

/// <summary>The nodes, and why queued work is not starting (empty when nothing holds it back).</summary>
public sealed record NodesStatusDto(IReadOnlyList<NodeDto> Nodes, IReadOnlyList<QueueHoldDto> Waiting);
