using Nightshift.Cli.Shell;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>The CLI as a user runs it, against a real `nightshift up` process.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task InitAddWaitApprove_PutsTheAgentsFileOnBase()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        await using var up = await UpProcess.StartAsync(home.Path);

        var init = await NightshiftProcess.RunAsync(home.Path, repo.Path, "init");
        init.Exit.ShouldBe(0, init.Err);
        File.Exists(Path.Combine(repo.Path, ".nightshift", "project.yml")).ShouldBeTrue();
        repo.CommitAll("add nightshift config");

        repo.WriteFile("../spec.md", """
            ---
            command: "mkdir -p docs && echo 'written by the agent' > docs/agent.txt"
            checks:
              - test -s docs/agent.txt
            ---
            # Document the agent

            Write docs/agent.txt.
            """);
        var specPath = Path.GetFullPath(Path.Combine(repo.Path, "..", "spec.md"));
        var add = await NightshiftProcess.RunAsync(home.Path, repo.Path, "add", specPath);
        add.Exit.ShouldBe(0, add.Err);
        var id = add.Out.Split('\t')[0].Trim();

        var wait = await NightshiftProcess.RunAsync(home.Path, repo.Path, "wait", id, "--for", "InReview", "--timeout", "90");
        wait.Exit.ShouldBe(0, wait.Err + up.Log);

        var ls = await NightshiftProcess.RunAsync(home.Path, repo.Path, "ls");
        ls.Out.ShouldContain($"{id}\tInReview\tnormal\tcommand\tDocument the agent");

        var approve = await NightshiftProcess.RunAsync(home.Path, repo.Path, "approve", id);
        approve.Exit.ShouldBe(0, approve.Err);
        approve.Out.ShouldStartWith($"{id}\tMerged\tmain\t");

        repo.Git("show", "main:docs/agent.txt").ShouldBe("written by the agent");
        repo.Git("status", "--porcelain").ShouldBeEmpty();
        File.ReadAllText(Path.Combine(repo.Path, "docs", "agent.txt")).Trim().ShouldBe("written by the agent");

        var logs = await NightshiftProcess.RunAsync(home.Path, repo.Path, "logs", id);
        logs.Out.ShouldContain("InReview → Approved");
        logs.Out.ShouldContain("Merging → Merged");
    }

    [Fact]
    public async Task ACommand_WithNoServerRunning_SaysHowToStartOne()
    {
        using var home = new TempDirectory("home");

        var ls = await NightshiftProcess.RunAsync(home.Path, home.Path, "ls");

        ls.Exit.ShouldBe(ExitCodes.ServerUnavailable);
        ls.Err.ShouldContain("nightshift up");
    }

    [Fact]
    public async Task AKilledServer_LeavesNoRunRunning_AndTheTaskFinishesAfterRestart()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        var marker = Path.Combine(home.Path, "started");
        await using (var first = await UpProcess.StartAsync(home.Path))
        {
            (await NightshiftProcess.RunAsync(home.Path, repo.Path, "init")).Exit.ShouldBe(0);
            var add = await NightshiftProcess.RunAsync(home.Path, repo.Path, "add", "-m",
                $"---\ncommand: \"echo partial > part.txt; if [ ! -f {marker} ]; then touch {marker}; sleep 600; fi; echo done > done.txt\"\n---\n# Survive a crash\n\nKeep going.\n");
            add.Exit.ShouldBe(0, add.Err);
            var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
            while (!File.Exists(marker) && TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(100);
            }
            File.Exists(marker).ShouldBeTrue(first.Log);
            first.Kill();
        }

        await using var second = await UpProcess.StartAsync(home.Path);
        var wait = await NightshiftProcess.RunAsync(home.Path, repo.Path, "wait", "1", "--for", "InReview", "--timeout", "90");
        wait.Exit.ShouldBe(0, wait.Err + second.Log);
        var show = await NightshiftProcess.RunAsync(home.Path, repo.Path, "show", "1");
        show.Out.ShouldContain("Interrupted");
        show.Out.ShouldContain("Succeeded");
        var diff = await NightshiftProcess.RunAsync(home.Path, repo.Path, "diff", "1");
        diff.Out.ShouldContain("+done");
    }
}
