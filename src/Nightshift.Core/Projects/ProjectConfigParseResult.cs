using Nightshift.Core.Specs;

namespace Nightshift.Core.Projects;

/// <summary>The outcome of parsing a project file: the config when it is valid, and every error found.</summary>
public sealed record ProjectConfigParseResult(ProjectConfig? Config, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Config is not null && Errors.Count == 0;
}
