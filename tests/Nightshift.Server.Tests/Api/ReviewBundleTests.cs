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
    }
}
