using System.Text;

namespace Nightshift.Core.Agents.Cli;

/// <summary>
/// A POSIX <c>sh</c> command line that runs one program with exactly the given arguments: each
/// word in single quotes (inside which the shell interprets nothing), a quote itself as <c>'\''</c>.
/// </summary>
internal static class ShellQuote
{
    /// <summary><c>exec</c> replaces the shell with the program, so stopping the group stops the CLI itself.</summary>
    public static string Exec(string executable, IEnumerable<string> arguments)
    {
        var line = new StringBuilder("exec ").Append(Quote(executable));
        foreach (var argument in arguments)
        {
            line.Append(' ').Append(Quote(argument));
        }
        return line.ToString();
    }

    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
