using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.ClaudeCode;

/// <summary>The real CLI meets its service's usage-limit refusal: the run ends limited, with the reset the service gave.</summary>
public sealed class ClaudeCodeLimitTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ResetsIn = TimeSpan.FromHours(2) + TimeSpan.FromMinutes(10);

    /// <summary>A Claude subscription's login: its refusals carry the limit's reset, as an API key's do not.</summary>
    private static readonly Dictionary<string, string> Subscription = new() { ["CLAUDE_CODE_OAUTH_TOKEN"] = "sk-ant-oat01-scripted-dummy" };

    [Fact]
    public async Task Run_WhenTheSubscriptionsLimitIsReached_EndsLimitedWithTheResetTime()
    {
        await using var run = await ClaudeHarness.StartAsync(Script.Create().Always().HitLimit(ResetsIn).Build());
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);
        var before = TimeProvider.System.GetUtcNow();

        var outcome = await run.RunAsync("Create notes.txt with one line.", limit.Token, login: Subscription);

        outcome.Cancelled.ShouldBeFalse(run.Story());
        outcome.Limit.ShouldNotBeNull(run.Story() + "\n" + outcome.Error);
        outcome.Limit.ResetAt.ShouldNotBeNull(outcome.Limit.Message);
        outcome.Limit.ResetAt.Value.ShouldBeInRange(before + ResetsIn - TimeSpan.FromMinutes(1), TimeProvider.System.GetUtcNow() + ResetsIn + TimeSpan.FromMinutes(1));
        outcome.Limit.Message.ShouldStartWith("You've hit your");
        outcome.SessionId.ShouldNotBeNullOrEmpty();
        // The service said a retry cannot help, so the CLI asked once.
        run.Server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Run_WhenAnApiKeysRequestIsRefusedWithoutAResetTime_EndsLimitedWithoutOne()
    {
        await using var run = await ClaudeHarness.StartAsync(Script.Create().Always().HitLimit(null).Build());
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var outcome = await run.RunAsync("Create notes.txt with one line.", limit.Token);

        outcome.Cancelled.ShouldBeFalse(run.Story());
        outcome.Limit.ShouldNotBeNull(run.Story() + "\n" + outcome.Error);
        outcome.Limit.ResetAt.ShouldBeNull(outcome.Limit.Message);
    }
}
