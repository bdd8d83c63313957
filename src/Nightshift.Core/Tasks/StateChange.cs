namespace Nightshift.Core.Tasks;

/// <summary>How a state change reads in the log; rendered from the event's fields, never parsed back.</summary>
public static class StateChange
{
    public static string Describe(TaskState from, TaskState to, string? reason) =>
        reason is null ? $"{from} → {to}" : $"{from} → {to}: {reason}";
}
