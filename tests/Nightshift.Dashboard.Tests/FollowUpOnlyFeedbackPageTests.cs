using Microsoft.Playwright;
using Nightshift.Client;
using Nightshift.Core.Comments;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Xunit;

namespace Nightshift.Dashboard.Tests;

/// <summary>The task page says when its agent takes feedback only on a follow-up run; the review page shows what never reached it.</summary>
public sealed class FollowUpOnlyFeedbackPageTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 30_000 };

    [Fact]
    public async Task Feedback_to_a_running_command_says_it_waits_for_a_follow_up_and_the_review_shows_it_never_arrived()
    {
        using var gate = new TempDirectory("gate");
        var open = Path.Combine(gate.Path, "open");
        await using var h = await DashboardHarness.StartAsync(Script.Create().Build());
        var spec = $"---\nagent: command\ncommand: for i in $(seq 1800); do test -e {open} && break; sleep 0.1; done; echo done > out.txt\n---\n# Wait for the gate\n\nWork.\n";
        var id = (await h.Client.AddTaskAsync(new AddTaskRequest(null, spec, "gate.md"))).Id;
        await h.WaitForStateAsync(id, "Running");
        var page = await h.SignedInPageAsync(browser.Browser);
        await page.GotoAsync($"tasks/{id}");
        await DashboardHarness.WaitForCircuitAsync(page);

        await Assertions.Expect(page.GetByTestId("feedback-notice")).ToHaveTextAsync(FeedbackReach.FollowUpOnly, new() { Timeout = 30_000 });
        await page.Locator("[data-testid=feedback-input] textarea, textarea[data-testid=feedback-input]").First.FillAsync("Use tabs.");
        await page.GetByTestId("queue").ClickAsync();
        await Assertions.Expect(page.GetByText(FeedbackReach.FollowUpOnly).Last).ToBeVisibleAsync(Soon);
        await Assertions.Expect(page.GetByTestId("comment").Filter(new() { HasText = "Use tabs." })).ToHaveAttributeAsync("data-state", "pending");

        await File.WriteAllTextAsync(open, string.Empty, TestContext.Current.CancellationToken);
        await h.WaitForStateAsync(id, "InReview");
        await page.GotoAsync($"tasks/{id}/review");
        await DashboardHarness.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("review-flag").Filter(new() { HasText = "never reached the agent: \"Use tabs.\"" })).ToBeVisibleAsync(Soon);
    }
}
