using Nightshift.Core.Storage;

namespace Nightshift.Core.Inbox;

/// <summary>One thing that waits for a human: what it is, why, since when, and the command that acts on it.</summary>
public sealed record InboxItem(TaskRecord Task, InboxKind Kind, string Summary, DateTimeOffset Since, string Action);
