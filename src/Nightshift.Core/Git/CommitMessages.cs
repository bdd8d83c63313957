namespace Nightshift.Core.Git;

/// <summary>Commit messages as git stores them: line feeds only, one at the end.</summary>
internal static class CommitMessages
{
    public static string Normalize(string message)
    {
        var text = message.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        if (text.Length == 0)
        {
            throw new ArgumentException("A commit message is required.", nameof(message));
        }
        return text + "\n";
    }
}
