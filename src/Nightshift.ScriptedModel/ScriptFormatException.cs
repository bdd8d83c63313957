namespace Nightshift.ScriptedModel;

/// <summary>A script file that cannot be read; the message names the file and the field.</summary>
public sealed class ScriptFormatException : Exception
{
    public ScriptFormatException()
    {
    }

    public ScriptFormatException(string message)
        : base(message)
    {
    }

    public ScriptFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
