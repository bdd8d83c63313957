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
        // The task reaches review as the run ends; the folder goes right after, as the run lets go.
        (await EmptiedAsync(engine.Home.RunsPath)).ShouldBeTrue("the run's folder is still there");
    }

    private static async Task<bool> EmptiedAsync(string folder)
    {
        for (var i = 0; i < 100; i++)
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                return true;
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return false;
    }
}
