namespace Nightshift.Core.Projects;

/// <summary>A repository that cannot be used as asked: missing, not a git repository, ambiguous.</summary>
public sealed class ProjectException(string message) : InvalidOperationException(message);
