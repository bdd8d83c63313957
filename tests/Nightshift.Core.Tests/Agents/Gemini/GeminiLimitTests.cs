using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Gemini;

/// <summary>The real CLI meets its service's usage-limit refusal: the run ends limited, with the reset the service gave.</summary>
public sealed class GeminiLimitTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ResetsIn = TimeSpan.FromHours(2) + TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Run_WhenTheServiceRefusesOnAUsageLimit_EndsLimitedWithTheResetTime()
    {
        await using var run = await GeminiHarness.StartAsync(Script.Create().Always().HitLimit(ResetsIn).Build());
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var outcome = await run.RunAsync("Create notes.txt with one line.", limit.Token);

        outcome.Cancelled.ShouldBeFalse(run.Story());
        outcome.Limit.ShouldNotBeNull(run.Story() + "\n" + outcome.Error);
        // Gemini says how long to wait, not until when.
        outcome.Limit.ResetsIn.ShouldBe(ResetsIn, outcome.Limit.Message);
        run.Server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Run_WhenTheRefusalGivesNoResetTime_EndsLimitedWithoutOne()
    {
        await using var run = await GeminiHarness.StartAsync(Script.Create().Always().HitLimit(null).Build());
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var outcome = await run.RunAsync("Create notes.txt with one line.", limit.Token);

        outcome.Cancelled.ShouldBeFalse(run.Story());
        outcome.Limit.ShouldNotBeNull(run.Story() + "\n" + outcome.Error);
        outcome.Limit.ResetFrom(TimeProvider.System.GetUtcNow()).ShouldBeNull(outcome.Limit.Message);
        run.Server.Requests.Count.ShouldBe(1);
    }
}
