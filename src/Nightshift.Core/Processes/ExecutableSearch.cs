namespace Nightshift.Core.Processes;

/// <summary>Finds a program the way a shell would: the first folder of PATH that holds it.</summary>
public static class ExecutableSearch
{
    public static string? FindOnPath(string name, string? path = null) =>
        (path ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
