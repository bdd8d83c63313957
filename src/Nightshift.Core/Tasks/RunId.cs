namespace Nightshift.Core.Tasks;

/// <summary>The id of one run (attempt) of a task.</summary>
public readonly record struct RunId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
