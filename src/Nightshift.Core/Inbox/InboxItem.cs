using Nightshift.Core.Storage;

namespace Nightshift.Core.Inbox;

/// <summary>One thing that waits for a human: what it is, why, since when, and the command that acts on it.</summary>
public sealed record InboxItem(TaskRecord Task, InboxKind Kind, string Summary, DateTimeOffset Since, string Action)
{
    /// <summary>Steering and queued comments no run received; for a task in review, the follow-up run gets them if changes are requested.</summary>
    public int UndeliveredFeedback { get; init; }

    /// <summary>What the inbox shows: the summary, and any feedback the agent never got, so none is lost silently.</summary>
    public string Text => UndeliveredFeedback == 0
        ? Summary
        : $"{Summary} ({UndeliveredFeedback} comment{(UndeliveredFeedback == 1 ? string.Empty : "s")} never reached the agent; see the review)";
}
