namespace Nightshift.Cli.Shell;

/// <summary>
/// Every exit code the `nightshift` command returns, in one place. Scripts may rely on them.
/// </summary>
public static class ExitCodes
{
    /// <summary>It worked.</summary>
    public const int Ok = 0;

    /// <summary>Something unexpected failed; the message says what.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong: unknown command or option, missing argument.</summary>
    public const int Usage = 2;

    /// <summary>A spec or project file is invalid; each problem names file, line and field. Nothing was stored.</summary>
    public const int InvalidSpec = 3;

    /// <summary>No such task or project.</summary>
    public const int NotFound = 4;

    /// <summary>The task is not in a state that allows this (approve a running task, cancel a merged one).</summary>
    public const int NotAllowed = 5;

    /// <summary>The server refused the access token.</summary>
    public const int Unauthorized = 6;

    /// <summary>No server answered: start one with `nightshift up`.</summary>
    public const int ServerUnavailable = 7;

    /// <summary>The approved task did not merge: a conflict, or local changes in the way. The reason is printed.</summary>
    public const int NotMerged = 8;

    /// <summary>A wait ended without the task reaching the state waited for (it failed, or the time ran out).</summary>
    public const int WaitFailed = 9;

    /// <summary>`up` could not start: its port, or its node name on this data folder, is taken by another process. The message says which and what to do.</summary>
    public const int InUse = 10;

    /// <summary>`report`, `ask` or `decide` was used outside a run: the run's bridge variables are not set. The message names them.</summary>
    public const int NotInRun = 11;

    /// <summary>`ask` got no answer while the bridge held the question; the question stays open and asking again waits for it.</summary>
    public const int NoAnswer = 12;

    /// <summary>Stopped by Ctrl+C.</summary>
    public const int Interrupted = 130;

    public static readonly IReadOnlyList<(int Code, string Meaning)> Table =
    [
        (Ok, "success"),
        (Failed, "unexpected failure"),
        (Usage, "bad command line"),
        (InvalidSpec, "invalid spec or project file; nothing stored"),
        (NotFound, "no such task or project"),
        (NotAllowed, "not possible in the task's current state"),
        (Unauthorized, "access token refused"),
        (ServerUnavailable, "no server running"),
        (NotMerged, "approved but not merged (conflict or local changes)"),
        (WaitFailed, "the task did not reach the state waited for"),
        (InUse, "the port or node name is taken (`up`)"),
        (NotInRun, "`report`, `ask` or `decide` outside a run"),
        (NoAnswer, "`ask` got no answer yet; the question stays open"),
        (Interrupted, "interrupted"),
    ];
}
