using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Codex;

/// <summary>The real CLI meets its service's usage-limit refusal: the run ends limited, with the reset the service gave.</summary>
public sealed class CodexLimitTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ResetsIn = TimeSpan.FromHours(2) + TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Run_WhenTheServiceRefusesOnAUsageLimit_EndsLimitedWithTheResetTime()
    {
        await using var run = await CodexHarness.StartAsync(Script.Create().Always().HitLimit(ResetsIn).Build());
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);
        var before = TimeProvider.System.GetUtcNow();

        var outcome = await run.RunAsync("Create notes.txt with one line.", limit.Token);

        outcome.Cancelled.ShouldBeFalse(run.Story());
        outcome.Limit.ShouldNotBeNull(run.Story() + "\n" + outcome.Error);
        outcome.Limit.ResetAt.ShouldNotBeNull(outcome.Limit.Message);
        // The service gave the reset to the second; the CLI may round it to the minute.
        outcome.Limit.ResetAt.Value.ShouldBeInRange(before + ResetsIn - TimeSpan.FromMinutes(1), TimeProvider.System.GetUtcNow() + ResetsIn + TimeSpan.FromMinutes(1));
        TestContext.Current.TestOutputHelper?.WriteLine($"{run.Server.Requests.Count} request(s); {outcome.Limit.Message}");
    }

    [Fact]
    public async Task Run_WhenTheRefusalGivesNoResetTime_EndsLimitedWithoutOne()
    {
        await using var run = await CodexHarness.StartAsync(Script.Create().Always().HitLimit(null).Build());
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var outcome = await run.RunAsync("Create notes.txt with one line.", limit.Token);

        outcome.Cancelled.ShouldBeFalse(run.Story());
        outcome.Limit.ShouldNotBeNull(run.Story() + "\n" + outcome.Error);
        outcome.Limit.ResetAt.ShouldBeNull(outcome.Limit.Message);
    }
}
