namespace Nightshift.Core.Specs;

/// <summary>One problem in a spec or project file: where it is, which field, and what to do.</summary>
public sealed record SpecError(string File, int Line, int Column, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Field}: {Message}";
}
