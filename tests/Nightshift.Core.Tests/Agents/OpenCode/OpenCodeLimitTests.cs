using Nightshift.Core.Agents.OpenCode;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.OpenCode;

/// <summary>
/// opencode meets its provider's usage-limit refusal: it retries the 429 itself (with its own
/// back-off) and, when it gives up, the run ends limited rather than failed, with no reset time,
/// since opencode prints none.
/// </summary>
public sealed class OpenCodeLimitTests
{
    // opencode's own retries of a 429 without retry-after take about 86 s.
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Run_WhenTheProviderRefusesOnAUsageLimit_EndsLimited_AfterOpenCodesOwnRetries()
    {
        await using var run = await OpenCodeHarness.StartAsync(Script.Create().Always().HitLimit(null).Build());
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var outcome = await run.RunAsync("Create notes.txt with one line.", limit.Token);

        outcome.Cancelled.ShouldBeFalse(run.Story());
        outcome.Limit.ShouldNotBeNull(run.Story() + "\n" + outcome.Error);
        outcome.Limit.Message.ShouldContain("usage limit");
        outcome.Limit.ResetFrom(TimeProvider.System.GetUtcNow()).ShouldBeNull(outcome.Limit.Message);
    }

    [Theory]
    [InlineData("The usage limit has been reached")]
    [InlineData("rate_limit_error: This request would exceed your organization's rate limit")]
    [InlineData("Too Many Requests")]
    [InlineData("Usage limit reached. It will reset in 3 hours.")]
    public void AnErrorThatNamesALimit_IsALimit(string error) =>
        OpenCodeLimits.From(error).ShouldNotBeNull().Message.ShouldBe(error);

    [Theory]
    [InlineData("Model not found: nightshift/no-such-model")]
    [InlineData("Unauthorized: invalid api key")]
    public void AnyOtherError_IsNoLimit(string error) =>
        OpenCodeLimits.From(error).ShouldBeNull();
}
