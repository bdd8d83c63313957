using System.Net;
using Nightshift.Client;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

public sealed class TaskApiTests
{
    [Fact]
    public async Task ATask_TravelsFromSpecToMerge_ThroughTheApi()
    {
        await using var h = await ServerHarness.StartAsync();
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        const string spec = """
            ---
            name: hello
            command: "echo 'hello from the agent' > hello.txt"
            checks: ["grep -q hello hello.txt"]
            ---
            # Write hello.txt

            Put a greeting in hello.txt.
            """;

        var added = await h.Client.AddTaskAsync(new AddTaskRequest(null, spec, "hello.md"));
        added.State.ShouldBe("Queued");
        added.Branch.ShouldBe($"nightshift/{added.Id}-write-hello-txt");

        var inReview = await h.WaitForAsync(added.Id, "InReview");
        var diff = await h.Client.GetDiffAsync("hello");
        diff.ShouldContain("+hello from the agent");
        h.Repo.Git("show", "main:README.md").ShouldNotBeEmpty();
        Should.Throw<InvalidOperationException>(() => h.Repo.Git("show", "main:hello.txt"));

        var merged = await h.Client.ApproveAsync("hello", "ship it");

        merged.State.ShouldBe("Merged");
        h.Repo.Git("show", "main:hello.txt").ShouldBe("hello from the agent");
        h.Repo.Git("rev-parse", "main").ShouldBe(merged.MergedCommit);
        var detail = await h.Client.GetTaskAsync(added.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        detail.Reviews.Single().Decision.ShouldBe("Approved");
        detail.Reviews.Single().Commit.ShouldBe(inReview.HeadCommit);
        detail.Runs.Single().State.ShouldBe("Succeeded");
        var events = await h.Client.GetEventsAsync("hello");
        events.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, events.Count).Select(i => (long)i));
        events.ShouldContain(e => e.Kind == "check" && e.Message.StartsWith("passed"));
    }

    [Fact]
    public async Task AnInvalidSpec_IsRefusedWithFileLineAndField_AndNothingIsStored()
    {
        await using var h = await ServerHarness.StartAsync();
        await h.Client.RegisterProjectAsync(h.Repo.Path);

        var ex = await Should.ThrowAsync<NightshiftApiException>(() =>
            h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: x\npriorty: high\n---\n# T\n\nbody\n", "bad.md")));

        ex.Status.ShouldBe(HttpStatusCode.BadRequest);
        ex.Code.ShouldBe("invalid_spec");
        var problem = ex.Problems.ShouldHaveSingleItem();
        problem.File.ShouldBe("bad.md");
        problem.Line.ShouldBe(3);
        problem.Field.ShouldBe("priorty");
        problem.Message.ShouldContain("priority");
        (await h.Client.ListTasksAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Reject_StartsAFollowUpRunThatReceivesTheReviewComment()
    {
        await using var h = await ServerHarness.StartAsync();
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        var task = await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: cat >> notes.txt\n---\n# Take notes\n\nWrite the prompt down.\n", "notes.md"));
        await h.WaitForAsync(task.Id, "InReview");

        var rejected = await h.Client.RejectAsync("1", "Please also mention the weather.");
        rejected.State.ShouldBeOneOf("Queued", "Running", "Verifying", "InReview");

        await h.WaitForAsync(task.Id, "InReview");
        var detail = await h.Client.GetTaskAsync("1");
        detail.Runs.Count.ShouldBe(2);
        var comment = detail.Comments.ShouldHaveSingleItem();
        comment.Mode.ShouldBe("review");
        comment.DeliveredToRunId.ShouldBe(detail.Runs[1].Id);
        (await h.Client.GetDiffAsync("1")).ShouldContain("+- you: Please also mention the weather.");
        detail.Reviews.Single().Decision.ShouldBe("ChangesRequested");
    }

    [Fact]
    public async Task Approve_OfATaskNotInReview_IsRefusedWithItsState()
    {
        await using var h = await ServerHarness.StartAsync();
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: sleep 20\n---\n# Slow\n\nTake your time.\n", "slow.md"));
        await h.WaitForAsync(1, "Running");

        var ex = await Should.ThrowAsync<NightshiftApiException>(() => h.Client.ApproveAsync("1"));

        ex.Status.ShouldBe(HttpStatusCode.Conflict);
        ex.Message.ShouldContain("is Running");
        await h.Client.CancelAsync("1");
        (await h.WaitForAsync(1, "Cancelled")).State.ShouldBe("Cancelled");
    }

    [Fact]
    public async Task UnknownTask_IsNotFound()
    {
        await using var h = await ServerHarness.StartAsync();

        var ex = await Should.ThrowAsync<NightshiftApiException>(() => h.Client.GetTaskAsync("42"));

        ex.Status.ShouldBe(HttpStatusCode.NotFound);
        ex.Message.ShouldContain("nightshift ls");
    }
}
