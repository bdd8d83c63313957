namespace Nightshift.Core.Specs;

/// <summary>The outcome of parsing one spec file: the spec when it is valid, and every error found.</summary>
public sealed record SpecParseResult(TaskSpec? Spec, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Spec is not null && Errors.Count == 0;
}
