namespace Nightshift.Core.Git;

/// <summary>A repository or a name in it that git cannot use: a missing folder, not a repository, an invalid branch or revision name.</summary>
public sealed class RepositoryException : Exception
{
    public RepositoryException()
    {
    }

    public RepositoryException(string message)
        : base(message)
    {
    }

    public RepositoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
