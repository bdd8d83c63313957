namespace Nightshift.Core.Projects;

/// <summary>The id of a registered repository.</summary>
public readonly record struct ProjectId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
