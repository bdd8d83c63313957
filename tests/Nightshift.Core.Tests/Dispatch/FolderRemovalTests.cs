using Nightshift.Core.Runs;
using Nightshift.Testing;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Dispatch;

public sealed class FolderRemovalTests
{
    [Fact]
    public void Remove_OfAFolderWithReadOnlyDirectories_RemovesIt_AndCountsTheBytes()
    {
        using var dir = new TempDirectory("state");
        // Go's module cache makes its folders read-only; an agent that ran `go build` leaves one in its HOME.
        var cache = dir.Combine("task-1", "home", "go", "pkg", "mod", "example.com", "m@v1.0.0");
        Directory.CreateDirectory(cache);
        File.WriteAllBytes(Path.Combine(cache, "m.go"), new byte[1000]);
        File.WriteAllBytes(dir.Combine("task-1", "session.jsonl"), new byte[24]);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cache, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            File.SetUnixFileMode(Path.GetDirectoryName(cache)!, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var bytes = FolderRemoval.Remove(dir.Combine("task-1"));

        bytes.ShouldBe(1024);
        Directory.Exists(dir.Combine("task-1")).ShouldBeFalse();
    }
}
