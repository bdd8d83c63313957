namespace Nightshift.Core.Git;

/// <summary>One spelling per folder, so that paths from callers and from git compare equal.</summary>
internal static class GitPaths
{
    public static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    public static bool Same(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);
}
