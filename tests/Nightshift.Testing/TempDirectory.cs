namespace Nightshift.Testing;

/// <summary>A fresh folder under the system temp folder, removed with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string? prefix = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nightshift-tests", $"{prefix ?? "t"}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            ForceDelete(new DirectoryInfo(Path));
        }
        catch (IOException)
        {
            // A process the test started may still hold a file; the OS temp cleaner gets the rest.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void ForceDelete(DirectoryInfo dir)
    {
        if (!dir.Exists)
        {
            return;
        }
        foreach (var info in dir.EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            info.Attributes = FileAttributes.Normal;
        }
        dir.Delete(recursive: true);
    }
}
