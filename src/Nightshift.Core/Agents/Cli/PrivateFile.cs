namespace Nightshift.Core.Agents.Cli;

/// <summary>
/// Files a runtime writes for its CLI that may hold a secret (the bridge's token, an API key):
/// readable and writable by Nightshift's own user only (0600), also when the file already existed
/// with wider permissions, and never passed on a command line where other users could read it.
/// </summary>
internal static class PrivateFile
{
    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var stream = new FileStream(path, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(text.AsMemory(), cancellationToken);
        }
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to a new file: an existing one keeps its mode unless set here.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
