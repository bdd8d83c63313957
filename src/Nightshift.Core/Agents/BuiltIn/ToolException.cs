namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>A tool call the model got wrong; its message goes back to the model as the tool's error result.</summary>
public sealed class ToolException : Exception
{
    public ToolException()
    {
    }

    public ToolException(string message)
        : base(message)
    {
    }

    public ToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
