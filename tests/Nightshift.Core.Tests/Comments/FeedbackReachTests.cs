using Nightshift.Core.Comments;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Comments;

/// <summary>Which feedback cannot reach a working session as its mode says, from the task's agent's capabilities.</summary>
public sealed class FeedbackReachTests
{
    [Theory]
    [InlineData("command", TaskState.Running, CommentMode.Queue, FeedbackReach.FollowUpOnly)]
    [InlineData("command", TaskState.NeedsInput, CommentMode.Steer, FeedbackReach.FollowUpOnly)]
    [InlineData("gemini", TaskState.Running, CommentMode.Steer, FeedbackReach.AtTurnEnd)]
    [InlineData("gemini", TaskState.Running, CommentMode.Queue, null)]
    [InlineData("builtin", TaskState.Running, CommentMode.Steer, null)]
    [InlineData("command", TaskState.Queued, CommentMode.Queue, null)]
    [InlineData("command", TaskState.InReview, CommentMode.Queue, null)]
    [InlineData("command", TaskState.Running, CommentMode.Review, null)]
    public async Task Notice_SaysWhenFeedbackWaits(string agent, TaskState state, CommentMode mode, string? expected)
    {
        await using var engine = await EngineHarness.StartAsync();
        var task = new TaskRecord { Agent = agent, State = state, Title = "t", Body = "b", SpecFile = "t.md", SpecText = "b", BaseBranch = "main" };

        engine.Get<FeedbackReach>().Notice(task, mode).ShouldBe(expected);
    }
}
