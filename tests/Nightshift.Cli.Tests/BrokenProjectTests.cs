using Nightshift.Cli.Shell;
using Nightshift.Core.Projects;
using Nightshift.Core.Specs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>
/// Hostile input against real processes: a project file nested 40,000 levels deep (as a merged task
/// could write it) and specs built the same way. `nightshift up` starts, shows that project broken
/// with the error, keeps its queued task waiting, runs the other project's tasks, refuses the
/// specs, and stays up.
/// </summary>
public sealed class BrokenProjectTests
{
    private static readonly string Nested = new string('[', 40_000) + new string(']', 40_000);

    [Fact]
    public async Task Up_WithANestedProjectFile_StartsAndShowsThatProjectBroken_WhileTheOtherRuns_AndHostileSpecsAreRefused()
    {
        using var home = new TempDirectory("home");
        using var broken = GitRepo.Create();
        using var good = GitRepo.Create();
        foreach (var repo in new[] { broken, good })
        {
            var init = await NightshiftProcess.RunAsync(home.Path, repo.Path, "init");
            init.Exit.ShouldBe(0, init.Err);
        }
        // 30,000 levels keeps the file under its size limit, so the nesting is what is refused.
        var deep = new string('[', 30_000) + new string(']', 30_000);
        await File.WriteAllTextAsync(Path.Combine(broken.Path, ProjectRegistry.ConfigRelativePath), $"target_branch: main\nchecks: {deep}\n", TestContext.Current.CancellationToken);
        await QueueTaskAsync(home.Path);

        await using var up = await UpProcess.StartAsync(home.Path);

        var projects = await NightshiftProcess.RunAsync(home.Path, good.Path, "projects");
        projects.Exit.ShouldBe(0, projects.Err);
        var lines = projects.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2, projects.Out);
        lines[0].ShouldStartWith("1\t");
        lines[0].ShouldContain("\tbroken: ");
        lines[0].ShouldContain("project.yml:2:", Case.Sensitive, lines[0]);
        lines[0].ShouldContain(": checks: nests lists or mappings more than");
        lines[1].ShouldStartWith("2\t");
        lines[1].ShouldEndWith("\tok");
        up.Log.ShouldContain($"warning: project '{Path.GetFileName(broken.Path)}' is broken");

        var spec = Path.Combine(home.Path, "hi.md");
        await File.WriteAllTextAsync(spec, "---\ncommand: echo hi > hi.txt\n---\n# Say hi\n\nWrite hi.txt.\n", TestContext.Current.CancellationToken);
        var added = await NightshiftProcess.RunAsync(home.Path, good.Path, "add", spec, "-p", "2");
        added.Exit.ShouldBe(0, added.Err);
        var id = added.Out.Split('\t')[0];
        var wait = await NightshiftProcess.RunAsync(home.Path, good.Path, "wait", id, "--for", "InReview", "--timeout", "60");
        wait.Exit.ShouldBe(0, wait.Err + up.Log);

        var nested = Path.Combine(home.Path, "nested.md");
        await File.WriteAllTextAsync(nested, $"---\ncommand: x\nlabels: {Nested}\n---\n# Nested\n\nDo it.\n", TestContext.Current.CancellationToken);
        var refused = await NightshiftProcess.RunAsync(home.Path, good.Path, "add", nested, "-p", "2");
        refused.Exit.ShouldBe(ExitCodes.InvalidSpec, refused.Err);
        refused.Err.ShouldContain("nested.md:3:");
        refused.Err.ShouldContain(": labels: nests lists or mappings more than");

        var big = Path.Combine(home.Path, "big.md");
        await File.WriteAllTextAsync(big, "---\ncommand: x\n---\n# Big\n\n" + new string('x', 20 * 1024 * 1024), TestContext.Current.CancellationToken);
        var tooLarge = await NightshiftProcess.RunAsync(home.Path, good.Path, "add", big, "-p", "2");
        tooLarge.Exit.ShouldBe(ExitCodes.InvalidSpec, tooLarge.Err);
        tooLarge.Err.ShouldContain("too large");
        tooLarge.Err.ShouldContain("SpecLimits.MaxSpecChars");
        tooLarge.Err.ShouldNotContain("did not answer");

        var list = await NightshiftProcess.RunAsync(home.Path, good.Path, "ls");
        list.Exit.ShouldBe(0, list.Err + up.Log);
        list.Out.ShouldContain("\tSay hi\t");
        // The broken project's task waits, untouched, until its file is fixed: no run failed on it.
        list.Out.ShouldContain("1\tQueued\tnormal\tcommand\tQueued before the file broke\t\n", Case.Sensitive, list.Out);
    }

    /// <summary>A task of the broken project waiting in the queue, as one added before its file broke: claiming it reads the file.</summary>
    private static async Task QueueTaskAsync(string home)
    {
        using var store = new Store(home);
        await using var db = store.Open();
        var now = TimeProvider.System.GetUtcNow();
        db.Tasks.Add(new TaskRecord
        {
            ProjectId = new ProjectId(1),
            Title = "Queued before the file broke",
            Body = "Do it.",
            SpecText = "---\ncommand: \"true\"\n---\n# Queued before the file broke\n\nDo it.\n",
            SpecFile = "queued.md",
            Agent = "command",
            Command = "true",
            Priority = Priority.Normal,
            BaseBranch = "main",
            Branch = "nightshift/1-queued",
            State = TaskState.Queued,
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
