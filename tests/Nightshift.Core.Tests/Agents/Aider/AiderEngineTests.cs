using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Comments;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Aider;

/// <summary>A spec with <c>agent: aider</c> through the whole engine, with the stand-in <c>aider</c>.</summary>
public sealed class AiderEngineTests
{
    [Fact]
    public async Task ASteerToAnAiderTask_IsDeliveredAtItsNextTurn_MarkedDeliveredToTheRun_AndTheTaskReachesReview()
    {
        using var aider = new AiderStandIn();
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(aider.Options()));
        var task = await engine.AddAsync("---\nagent: aider\n---\n# Take notes\n\nSLOW: add a line to notes.txt.\n");
        engine.StartWorker();
        await aider.WaitUntilStartedAsync(TestContext.Current.CancellationToken);

        var comment = await engine.Get<CommentBox>().AddAsync(task.Id, "you", "STEER: and keep it short", CommentMode.Steer, null, null, CancellationToken.None);
        var reviewed = await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromSeconds(60));

        engine.Repo.Git("show", $"{reviewed.Branch}:notes.txt").ShouldBe("line from aider\nline from aider");
        aider.Messages.Count.ShouldBe(2, aider.Log);
        aider.Messages[0].ShouldNotContain("STEER");
        aider.Messages[1].ShouldContain("SLOW: add a line to notes.txt.");
        aider.Messages[1].ShouldContain("STEER: and keep it short");
        await using var db = engine.Db();
        var run = await db.Runs.SingleAsync(TestContext.Current.CancellationToken);
        var delivered = await db.Comments.SingleAsync(c => c.Id == comment.Id, TestContext.Current.CancellationToken);
        delivered.DeliveredAt.ShouldNotBeNull();
        delivered.DeliveredToRunId.ShouldBe(run.Id);
        run.InputTokens.ShouldBe(2400);
    }

    [Fact]
    public async Task TheFollowUpAfterARejection_WithoutResume_GetsTheWholeTaskAgainAndTheReview()
    {
        using var aider = new AiderStandIn();
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(aider.Options()));
        var task = await engine.AddAsync("---\nagent: aider\n---\n# Take notes\n\nAdd a line to notes.txt.\n");
        engine.StartWorker();
        await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromSeconds(60));

        await engine.Get<Nightshift.Core.Reviews.ReviewDesk>().RejectAsync(task.Id, "you", "REVIEW: one more line, please.", CancellationToken.None);
        var second = await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromSeconds(60));

        engine.Repo.Git("show", $"{second.Branch}:notes.txt").ShouldBe("line from aider\nline from aider");
        aider.Messages.Count.ShouldBe(2, aider.Log);
        aider.Messages[1].ShouldContain("Add a line to notes.txt.");
        aider.Messages[1].ShouldContain("REVIEW: one more line, please.");
        await using var db = engine.Db();
        (await db.Runs.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(2);
        (await db.Runs.AllAsync(r => r.SessionId == null, TestContext.Current.CancellationToken)).ShouldBeTrue();
    }
}
