namespace Nightshift.Core.Specs;

/// <summary>A spec or project file that failed validation; every problem names file, line and field.</summary>
public sealed class SpecValidationException(IReadOnlyList<SpecError> errors)
    : ArgumentException(errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems:\n" + string.Join('\n', errors))
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
