namespace Nightshift.Core.Tasks;

/// <summary>The kinds of things the event log records. Stored as text so new kinds need no migration.</summary>
public static class EventKind
{
    public const string Created = "created";
    public const string StateChanged = "state";
    public const string RunStarted = "run.started";
    public const string RunEnded = "run.ended";

    /// <summary>A node that lost a run's lease tried to record its result; nothing but this event was written.</summary>
    public const string RunDiscarded = "run.discarded";

    /// <summary>A reaper stopped the agent process group that a run's dead node left running.</summary>
    public const string OrphanStopped = "run.orphan-stopped";

    /// <summary>Processes a run started were still alive when its agent ended, and were stopped; the data holds how many.</summary>
    public const string LeftoversStopped = "run.leftovers-stopped";
    public const string Log = "log";

    /// <summary>Lines of a run's output were held back from the log by its output limit; the data says how many and where they are kept.</summary>
    public const string OutputHeld = "log.held";
    public const string Message = "message";
    public const string ToolCall = "tool";
    public const string Progress = "progress";

    /// <summary>The agent's plan changed; the data is the whole plan as JSON.</summary>
    public const string Plan = "plan";
    public const string Commit = "commit";
    public const string Check = "check";
    public const string Comment = "comment";
    public const string Review = "review";
    public const string Merge = "merge";
    public const string Workspace = "workspace";
    public const string Question = "question";
    public const string Answer = "answer";
    public const string Decision = "decision";

    /// <summary>
    /// Something a reviewer should weigh that the diff does not show: the agent committed by itself,
    /// rewrote its branch, changed its own git directory, or named a driver the repository lacks.
    /// </summary>
    public const string Flag = "flag";
}
