namespace Nightshift.Core.Tasks;

/// <summary>The id of a task: small, stable, what users type (`nightshift show 12`).</summary>
public readonly record struct TaskId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
