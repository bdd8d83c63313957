namespace Nightshift.Core.Dispatch;

/// <summary>A claim found its project's places under the concurrency limit all taken; nothing was written.</summary>
internal sealed class ProjectFullException : Exception
{
    public ProjectFullException()
        : base("The project's concurrency limit is reached.")
    {
    }

    public ProjectFullException(string message)
        : base(message)
    {
    }

    public ProjectFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
