using Xunit;

namespace Nightshift.Testing;

/// <summary>
/// Parts a test needs from the machine. Missing parts skip the test with the reason, except under
/// CI=true, where a missing part fails it: CI must never pass by skipping.
/// </summary>
public static class Requirements
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Git() => Executable("git", "install git (apt-get install git)");

    public static void Executable(string name, string howToInstall)
    {
        if (FindOnPath(name) is null)
        {
            Missing($"'{name}' is not on PATH: {howToInstall}");
        }
    }

    public static void Missing(string reason)
    {
        if (IsCi)
        {
            Assert.Fail($"Required part missing under CI: {reason}");
        }
        Assert.Skip(reason);
    }

    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
