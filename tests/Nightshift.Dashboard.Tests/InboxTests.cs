using Microsoft.Playwright;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Dashboard.Tests;

public sealed class InboxTests(BrowserFixture browser)
{
    private const string Ask = "[inbox:ask]";
    private const string Fail = "[inbox:fail]";
    private const string Question = "Which port should the service listen on?";

    // No rule answers the failing task's requests: the scripted server refuses them, and the run fails.
    private static Script InboxScript() => Script.Create()
        .When(RequestMatch.AnyMessageContains(Ask).And(RequestMatch.LastMessageContains("The developer answered"))).CallTool("finish", new { summary = "port set" })
        .WhenLastUser(Ask).CallTool("ask_question", new { question = Question })
        .Build();

    [Fact]
    public async Task A_question_shows_up_live_and_answering_it_in_place_resumes_the_task()
    {
        await using var h = await DashboardHarness.StartAsync(InboxScript());
        var page = await h.SignedInPageAsync(browser.Browser);
        await page.EvaluateAsync("() => window.__sameDocument = true");

        var id = await h.AddTaskAsync("Pick a default port", Ask);
        await h.WaitForStateAsync(id, "NeedsInput", 20);
        var item = page.Locator($"[data-testid=inbox-item][data-task='{id}']");
        await Assertions.Expect(item).ToHaveAttributeAsync("data-kind", "Question");
        await Assertions.Expect(item.GetByTestId("inbox-summary")).ToContainTextAsync(Question);

        await item.Locator("input").FillAsync("8080, like the others");
        await item.GetByTestId("answer-send").ClickAsync();

        await h.WaitForStateAsync(id, "InReview");
        h.Model.Requests.ShouldContain(r => r.Contains(Ask) && r.LastMessage != null && r.LastMessage.Contains("The developer answered: 8080, like the others"));
        await Assertions.Expect(item).ToHaveAttributeAsync("data-kind", "Review", new() { Timeout = 15_000 });
        (await page.EvaluateAsync<bool>("() => window.__sameDocument === true")).ShouldBeTrue("the page was reloaded");
    }

    [Fact]
    public async Task A_failed_task_is_retried_from_the_inbox()
    {
        await using var h = await DashboardHarness.StartAsync(InboxScript());
        var id = await h.AddTaskAsync("Refactor the settings page", Fail, "max_retries: 0\n");
        await h.WaitForStateAsync(id, "Failed");
        var requestsBefore = h.Model.Requests.Count(r => r.Contains(Fail));
        var page = await h.SignedInPageAsync(browser.Browser);

        var item = page.Locator($"[data-testid=inbox-item][data-task='{id}']");
        await Assertions.Expect(item).ToHaveAttributeAsync("data-kind", "Failed");
        await item.GetByTestId("retry").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("queued again");
        var events = await h.Client.GetEventsAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        events.ShouldContain(e => e.Message.Contains("retried by you", StringComparison.Ordinal));
        // The second attempt reaches the model (and, with the same script, fails again and returns to the inbox).
        await h.WaitForStateAsync(id, "Failed");
        h.Model.Requests.Count(r => r.Contains(Fail)).ShouldBeGreaterThan(requestsBefore);
        await Assertions.Expect(item).ToHaveAttributeAsync("data-kind", "Failed");
    }
}
