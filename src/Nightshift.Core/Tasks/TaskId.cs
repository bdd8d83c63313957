namespace Nightshift.Core.Tasks;

/// <summary>The id of a task: small, stable, what users type (`nightshift show 12`).</summary>
public readonly record struct TaskId(long Value)
{
    // Ids grow with time: pages of the task list go by id (the store compares the stored numbers).
    public static bool operator >(TaskId left, TaskId right) => left.Value > right.Value;

    public static bool operator <(TaskId left, TaskId right) => left.Value < right.Value;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
