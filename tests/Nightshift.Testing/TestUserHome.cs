namespace Nightshift.Testing;

/// <summary>
/// A user's HOME for agent tests, made in a test's own folder: an agent CLI run on "the user's
/// configuration" reads and writes there, never in this machine's real HOME.
/// </summary>
public static class TestUserHome
{
    /// <summary>The folder <c>user-home</c> in <paramref name="folder"/>, created (empty unless a test fills it).</summary>
    public static string In(string folder)
    {
        var home = Path.Combine(folder, "user-home");
        Directory.CreateDirectory(home);
        return home;
    }
}
