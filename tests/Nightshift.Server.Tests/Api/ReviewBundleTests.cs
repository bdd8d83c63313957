using Nightshift.Client;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

public sealed class ReviewBundleTests
{
    [Fact]
    public async Task TheReviewBundle_ShowsEachCheckPassingOnTheReviewedCommit_AndTheDiff()
    {
        await using var h = await ServerHarness.StartAsync();
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        var task = await h.Client.AddTaskAsync(new AddTaskRequest(null,
            "---\ncommand: \"echo 42 > answer.txt\"\nchecks: [\"grep -q 42 answer.txt\", \"test -s README.md\"]\n---\n# Answer\n\nWrite the answer.\n", "a.md"));
        var ready = await h.WaitForAsync(task.Id, "InReview");

        var bundle = await h.Client.GetReviewAsync("1");

        bundle.Checks.Select(c => c.Command).ShouldBe(["grep -q 42 answer.txt", "test -s README.md"]);
        bundle.Checks.ShouldAllBe(c => c.Passed && c.ExitCode == 0 && c.Commit == ready.HeadCommit);
        bundle.Summary.ShouldBe("`echo 42 > answer.txt` exited 0");
        bundle.Diff.ShouldContain("+42");
        bundle.Detail.Task.State.ShouldBe("InReview");
        bundle.Flags.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheReviewBundle_FlagsWhatTheAgentDidToGitThatTheDiffDoesNotShow()
    {
        await using var h = await ServerHarness.StartAsync();
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        var script = string.Join(" && ",
            "git config core.fsmonitor true",
            "git config gpg.program true",
            "printf '* filter=evil\\n' > .gitattributes",
            "git add .gitattributes",
            "git -c user.name=Agent -c user.email=agent@example.invalid commit -q -m attrs",
            "echo 42 > answer.txt");
        var task = await h.Client.AddTaskAsync(new AddTaskRequest(null, $"---\ncommand: \"{script}\"\n---\n# Answer\n\nWrite the answer.\n", "a.md"));
        await h.WaitForAsync(task.Id, "InReview");

        var bundle = await h.Client.GetReviewAsync("1");

        bundle.Flags.ShouldContain(f => f.StartsWith("The agent made 1 commit of its own", StringComparison.Ordinal));
        bundle.Flags.ShouldContain(f => f.Contains("core.fsmonitor") && f.Contains("gpg.program"));
        bundle.Flags.ShouldContain(f => f.StartsWith(".gitattributes names filter=evil in .gitattributes", StringComparison.Ordinal));
        bundle.Diff.ShouldContain("+42");
    }

    [Fact]
    public async Task AFailingCheck_GoesBackToTheAgent_AndReviewShowsItPassingOnTheReviewedCommit()
    {
        await using var h = await ServerHarness.StartAsync();
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        // The agent gets it wrong first; told that the check failed, it fixes it.
        var spec = "---\ncommand: \"if cat | grep -q 'An acceptance check failed'; then echo yes > answer.txt; else echo no > answer.txt; fi\"\n"
            + "checks: [\"grep -q yes answer.txt\"]\nmax_retries: 0\n---\n# Say yes\n\nWrite yes to answer.txt.\n";
        var task = await h.Client.AddTaskAsync(new AddTaskRequest(null, spec, "yes.md"));

        var ready = await h.WaitForAsync(task.Id, "InReview");

        var bundle = await h.Client.GetReviewAsync("1");
        bundle.Checks.Count.ShouldBe(2);
        bundle.Checks[0].Passed.ShouldBeFalse();
        bundle.Checks[0].Commit.ShouldNotBe(ready.HeadCommit);
        bundle.Checks[1].Passed.ShouldBeTrue();
        bundle.Checks[1].Commit.ShouldBe(ready.HeadCommit);
        bundle.Detail.Runs.ShouldHaveSingleItem().State.ShouldBe("Succeeded");
        h.Repo.Git("show", $"{ready.Branch}:answer.txt").ShouldBe("yes");
        var events = await h.Client.GetEventsAsync("1");
        events.ShouldContain(e => e.Message.StartsWith("Verifying → Running: fix-up turn 1 of 2", StringComparison.Ordinal));
    }
}
