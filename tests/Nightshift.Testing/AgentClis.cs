namespace Nightshift.Testing;

/// <summary>
/// The agent CLI a real-CLI test drives: the one its variable names (the same variable the runtime
/// reads, so CI's older versions and the compat script's newest can be pointed at), else the one on PATH.
/// </summary>
public static class AgentClis
{
    public static string? Claude => Find("claude", "NIGHTSHIFT_CLAUDE_PATH");

    public static string? Codex => Find("codex", "NIGHTSHIFT_CODEX_PATH");

    public static string? Gemini => Find("gemini", "NIGHTSHIFT_GEMINI_PATH");

    public static string? OpenCode => Find("opencode", "NIGHTSHIFT_OPENCODE_PATH");

    /// <summary>The CLI, or the test skips (fails under CI) saying how to install it.</summary>
    public static string Require(string? found, string name, string howToInstall)
    {
        if (found is null)
        {
            Requirements.Missing($"'{name}' is not on PATH and its NIGHTSHIFT_*_PATH variable names no file: {howToInstall}");
        }
        return found!;
    }

    private static string? Find(string executable, string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured
            ? (File.Exists(configured) ? configured : null)
            : Requirements.FindOnPath(executable);
}
