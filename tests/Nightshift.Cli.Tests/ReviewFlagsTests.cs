using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>`nightshift review` tells what an agent did with git that the diff does not show, and none of it reaches the user's repository.</summary>
public sealed class ReviewFlagsTests
{
    [Fact]
    public async Task Review_OfAnAgentThatSetFsmonitorAndCommittedItself_FlagsBoth_AndTheUsersGitStatusRunsNothing()
    {
        using var home = new TempDirectory("home");
        using var markers = new TempDirectory("markers");
        using var repo = GitRepo.Create();
        await using var up = await UpProcess.StartAsync(home.Path);
        var marker = Path.Combine(markers.Path, "fsmonitor");
        var init = await NightshiftProcess.RunAsync(home.Path, repo.Path, "init");
        init.Exit.ShouldBe(0, init.Err);
        repo.CommitAll("add nightshift config");
        repo.WriteFile("../spec.md", $"""
            ---
            command: 'git config core.fsmonitor "touch {marker}" && git -c user.name=A -c user.email=a@example.invalid commit -q --allow-empty -m mine && echo x > x.txt'
            ---
            # Plant and commit

            Write x.txt.
            """);
        var add = await NightshiftProcess.RunAsync(home.Path, repo.Path, "add", Path.GetFullPath(Path.Combine(repo.Path, "..", "spec.md")));
        add.Exit.ShouldBe(0, add.Err);
        var id = add.Out.Split('\t')[0].Trim();
        var wait = await NightshiftProcess.RunAsync(home.Path, repo.Path, "wait", id, "--for", "InReview", "--timeout", "90");
        wait.Exit.ShouldBe(0, wait.Err + up.Log);

        var review = await NightshiftProcess.RunAsync(home.Path, repo.Path, "review", id);

        review.Exit.ShouldBe(0, review.Err);
        review.Out.ShouldContain("Flag: The agent made 1 commit of its own");
        review.Out.ShouldContain("Flag: The agent changed its own git directory (its git config set core.fsmonitor)");
        // The agent's own git commit ran its fsmonitor in its own folder; what matters is the user's git.
        File.Delete(marker);
        repo.Git("status", "--porcelain");
        File.Exists(marker).ShouldBeFalse("the user's own git status ran what the agent planted");
    }
}
