using System.Diagnostics;

namespace Nightshift.Testing;

/// <summary>
/// A small tmpfs mounted on a temp folder, to fill up: the real "no space left on device" without
/// touching the machine's disks. Mounting needs root (CI runs as root); elsewhere the test skips,
/// and under CI=true it fails.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private readonly TempDirectory _mountPoint = new("disk");

    private SmallDisk()
    {
    }

    public string Path => _mountPoint.Path;

    private string Filler => System.IO.Path.Combine(Path, "filler");

    public static SmallDisk Mount(int mebibytes = 16)
    {
        if (!OperatingSystem.IsLinux())
        {
            Requirements.Missing("a small disk is a tmpfs mount, which needs Linux");
        }
        var disk = new SmallDisk();
        var (exit, output) = Run("mount", "-t", "tmpfs", "-o", $"size={mebibytes}m,mode=0755", "tmpfs", disk.Path);
        if (exit != 0)
        {
            disk._mountPoint.Dispose();
            Requirements.Missing($"cannot mount a {mebibytes} MiB tmpfs (run the tests as root): {output.Trim()}");
        }
        return disk;
    }

    /// <summary>Writes a file until the disk has no space left.</summary>
    public void Fill()
    {
        var block = new byte[64 * 1024];
        using var file = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                file.Write(block);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // Full: write what still fits, byte by byte, so not even a page is left.
            try
            {
                while (true)
                {
                    file.WriteByte(0);
                    file.Flush();
                }
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Gives back the space <see cref="Fill"/> took.</summary>
    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        _mountPoint.Dispose();
    }

    private static (int Exit, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        try
        {
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
