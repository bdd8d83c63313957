using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

public sealed class RunFilesTests
{
    [Fact]
    public async Task TheSpecWrittenForTheAgent_IsThereDuringTheRun_AndGoneAfterIt()
    {
        await using var engine = await EngineHarness.StartAsync();
        // The command agent gets the spec file's path; the run copies what it finds there.
        var task = await engine.AddAsync("---\ncommand: \"cp \\\"$NIGHTSHIFT_SPEC_FILE\\\" seen.md\"\n---\n# Read the spec\n\nCopy it.\n");
        engine.StartWorker();

        var done = await engine.WaitForAsync(task.Id, TaskState.InReview);

        File.ReadAllText(Path.Combine(done.WorktreePath!, "seen.md")).ShouldContain("# Read the spec");
        Directory.EnumerateFileSystemEntries(engine.Home.RunsPath).ShouldBeEmpty();
    }
}
