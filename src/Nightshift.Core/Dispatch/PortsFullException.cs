namespace Nightshift.Core.Dispatch;

/// <summary>A claim found every port block held by a live run; nothing was written.</summary>
internal sealed class PortsFullException : Exception
{
    public PortsFullException()
        : base("Every port block is held by a running run.")
    {
    }

    public PortsFullException(string message)
        : base(message)
    {
    }

    public PortsFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
