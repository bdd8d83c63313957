namespace Nightshift.Core.Workspaces;

/// <summary>A workspace operation that could not be done; the message says what, where and why.</summary>
public sealed class WorkspaceException : Exception
{
    public WorkspaceException()
    {
    }

    public WorkspaceException(string message)
        : base(message)
    {
    }

    public WorkspaceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
