namespace Nightshift.Core.Tests.Agents.UserLogin;

/// <summary>
/// A user's HOME made by a test the way a CLI writes it, and the bytes of its files before a run,
/// so a test can show the run left the user's credential and config files as they were.
/// </summary>
internal sealed class UserFiles(string home)
{
    private readonly Dictionary<string, byte[]> _before = new(StringComparer.Ordinal);

    public string Home { get; } = home;

    public string Write(string relative, string text)
    {
        var path = Path.Combine(Home, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return path;
    }

    /// <summary>Keeps the bytes of these files (relative to HOME) as they are now.</summary>
    public void Remember(params string[] relative)
    {
        foreach (var file in relative)
        {
            _before[file] = File.ReadAllBytes(Path.Combine(Home, file));
        }
    }

    /// <summary>The remembered files whose bytes differ now (or that are gone).</summary>
    public IReadOnlyList<string> Changed() =>
        [.. _before.Where(f => !File.Exists(Path.Combine(Home, f.Key)) || !File.ReadAllBytes(Path.Combine(Home, f.Key)).AsSpan().SequenceEqual(f.Value)).Select(f => f.Key)];
}
