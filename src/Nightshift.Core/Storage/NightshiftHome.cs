namespace Nightshift.Core.Storage;

/// <summary>
/// Nightshift's data folder: <c>$NIGHTSHIFT_HOME</c>, else <c>~/.nightshift</c>. Holds the database,
/// the access token, the running server's address and the task worktrees.
/// </summary>
public sealed class NightshiftHome
{
    public const string EnvironmentVariable = "NIGHTSHIFT_HOME";

    public NightshiftHome(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "nightshift.db");

    public string TokenPath => System.IO.Path.Combine(Path, "token");

    public string ServerInfoPath => System.IO.Path.Combine(Path, "server.json");

    public string WorktreesPath => System.IO.Path.Combine(Path, "worktrees");

    /// <summary>Per-run files kept outside the worktree (the spec the agent reads), so they are never committed.</summary>
    public string RunsPath => System.IO.Path.Combine(Path, "runs");

    /// <summary>What runs printed, one file a run (<c>run-{id}.log</c>), kept after the run for <c>nightshift logs --output</c>.</summary>
    public string LogsPath => System.IO.Path.Combine(Path, "logs");

    /// <summary>The file that keeps what run <paramref name="runId"/> printed.</summary>
    public string RunOutputPath(long runId) => System.IO.Path.Combine(LogsPath, $"run-{runId.ToString(System.Globalization.CultureInfo.InvariantCulture)}.log");

    public static NightshiftHome Resolve()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return new NightshiftHome(fromEnv);
        }
        var userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new NightshiftHome(System.IO.Path.Combine(userHome, ".nightshift"));
    }

    public void EnsureExists()
    {
        if (!Directory.Exists(Path))
        {
            // The folder holds the access token: only its owner may enter it.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Path);
            }
            else
            {
                Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        Directory.CreateDirectory(WorktreesPath);
    }
}
