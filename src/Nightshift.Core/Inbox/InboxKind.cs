namespace Nightshift.Core.Inbox;

/// <summary>Kinds of inbox items, most urgent first: an agent blocked on you comes before a result that can wait.</summary>
public enum InboxKind
{
    Question = 0,
    PlanApproval = 1,
    Conflict = 2,
    Failed = 3,
    Blocked = 4,
    Review = 5,
}
