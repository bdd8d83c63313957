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

    /// <summary>
    /// Moved by every claim in the project while its concurrency limit applies: the row's
    /// concurrency token, so two nodes that both saw the last free place cannot both take it.
    /// </summary>
    public long ClaimSeq { get; set; }
}
