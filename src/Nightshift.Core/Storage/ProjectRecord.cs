using Nightshift.Core.Projects;

namespace Nightshift.Core.Storage;

/// <summary>A registered repository.</summary>
public sealed class ProjectRecord
{
    public ProjectId Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Absolute path of the repository's top-level folder.</summary>
    public required string RepoPath { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
