namespace Nightshift.Core.Git;

/// <summary>A git command that exited non-zero: which command, in which folder, and what git said.</summary>
public sealed class GitCommandException : Exception
{
    public GitCommandException(string command, string workingDirectory, GitResult result)
        : base($"'{command}' failed with exit code {result.ExitCode} in '{workingDirectory}': {Describe(result)}")
    {
        Command = command;
        WorkingDirectory = workingDirectory;
        Result = result;
    }

    public GitCommandException()
    {
        Command = string.Empty;
        WorkingDirectory = string.Empty;
        Result = new GitResult(-1, string.Empty, string.Empty);
    }

    public GitCommandException(string message)
        : base(message)
    {
        Command = string.Empty;
        WorkingDirectory = string.Empty;
        Result = new GitResult(-1, string.Empty, string.Empty);
    }

    public GitCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
        Command = string.Empty;
        WorkingDirectory = string.Empty;
        Result = new GitResult(-1, string.Empty, string.Empty);
    }

    public string Command { get; }

    public string WorkingDirectory { get; }

    public GitResult Result { get; }

    private static string Describe(GitResult result)
    {
        var text = result.StdErr.Trim();
        if (text.Length == 0)
        {
            text = result.StdOut.Trim();
        }
        return text.Length == 0 ? "(git printed nothing)" : text;
    }
}
