using Microsoft.Playwright;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Dashboard.Tests;

/// <summary>A plan-gated task's plan, read and judged in place: approved from the inbox, sent back from the task page.</summary>
public sealed class PlanGateTests(BrowserFixture browser)
{
    private const string Gated = "[plan:gated]";
    private const string Plan = "1. Add **greeting.txt** with a hello.\n2. Check it reads back.\n\n<img src=x onerror=\"window.__planHtml = true\">";
    private const string Revised = "1. Add **GREETING.md** with a hello.";
    private const string Feedback = "Use a markdown file instead.";

    // Rules are tried in order: the implementing run's prompt also holds the task's marker.
    private static Script GatedScript() => Script.Create()
        .WhenToolResult("greeting.txt").CallTool("finish", new { summary = "greeting added" })
        .When(RequestMatch.LastUserContains("## Your plan was approved").And(RequestMatch.LastUserContains(Gated)))
            .CallTool("write_file", new { path = "greeting.txt", content = "hello\n" })
        .When(RequestMatch.LastUserContains(Feedback).And(RequestMatch.LastUserContains("## Plan first"))).Say(Revised)
        .WhenLastUser(Gated).Say(Plan)
        .Build();

    [Fact]
    public async Task A_plan_shows_in_the_inbox_and_approving_it_there_takes_the_task_to_review()
    {
        await using var h = await DashboardHarness.StartAsync(GatedScript());
        var page = await h.SignedInPageAsync(browser.Browser);
        await page.EvaluateAsync("() => window.__sameDocument = true");

        var id = await h.AddTaskAsync("Greet", Gated, "plan: required\n");
        var item = page.Locator($"[data-testid=inbox-item][data-task='{id}']");
        await Assertions.Expect(item).ToHaveAttributeAsync("data-kind", "PlanApproval", new() { Timeout = 30_000 });
        var plan = item.GetByTestId("plan-text");
        await Assertions.Expect(plan).ToContainTextAsync("Check it reads back.");
        await Assertions.Expect(plan.Locator("strong")).ToHaveTextAsync("greeting.txt");
        // Raw HTML in a plan is text, never markup.
        await Assertions.Expect(plan.Locator("img")).ToHaveCountAsync(0);
        await Assertions.Expect(plan).ToContainTextAsync("<img src=x");

        await item.GetByTestId("plan-approve").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("plan approved");
        await Assertions.Expect(item).ToHaveAttributeAsync("data-kind", "Review", new() { Timeout = 30_000 });
        var task = await h.WaitForStateAsync(id, "InReview");
        task.PlanApprovedAt.ShouldNotBeNull();
        h.Model.Requests.ShouldContain(r => r.LastOfRole("user") != null && r.LastOfRole("user")!.Contains("## Your plan was approved") && r.LastOfRole("user")!.Contains("Check it reads back."));
        (await page.EvaluateAsync<bool>("() => window.__sameDocument === true && window.__planHtml !== true")).ShouldBeTrue("the page was reloaded, or the plan's HTML ran");
    }

    [Fact]
    public async Task A_plan_sent_back_from_the_task_page_comes_back_revised()
    {
        await using var h = await DashboardHarness.StartAsync(GatedScript());
        var id = await h.AddTaskAsync("Greet", Gated, "plan: required\n");
        await h.WaitForStateAsync(id, "AwaitingPlanApproval");
        var page = await h.SignedInPageAsync(browser.Browser);
        await page.GotoAsync($"tasks/{id}");
        await DashboardHarness.WaitForCircuitAsync(page);
        await page.EvaluateAsync("() => window.__sameDocument = true");

        var gate = page.GetByTestId("plan-gate");
        await Assertions.Expect(gate.GetByTestId("plan-text")).ToContainTextAsync("greeting.txt");
        await Assertions.Expect(gate.GetByTestId("plan-send-back")).ToBeDisabledAsync();
        // The side panel's step list would only repeat the plan event's name.
        await Assertions.Expect(page.GetByTestId("plan")).ToHaveCountAsync(0);
        await gate.GetByTestId("plan-feedback").FillAsync(Feedback);
        await gate.GetByTestId("plan-send-back").ClickAsync();

        await Assertions.Expect(gate.GetByTestId("plan-text")).ToContainTextAsync("GREETING.md", new() { Timeout = 30_000 });
        await Assertions.Expect(gate).ToHaveAttributeAsync("data-state", "AwaitingPlanApproval");
        await Assertions.Expect(gate.GetByTestId("plan-feedback")).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(page.GetByTestId("comment").Filter(new() { HasText = Feedback })).ToHaveAttributeAsync("data-state", "delivered");
        h.Model.Requests.ShouldContain(r => r.LastOfRole("user") != null && r.LastOfRole("user")!.Contains(Feedback) && r.LastOfRole("user")!.Contains("## Plan first"));
        (await page.EvaluateAsync<bool>("() => window.__sameDocument === true")).ShouldBeTrue("the page was reloaded");
    }
}
