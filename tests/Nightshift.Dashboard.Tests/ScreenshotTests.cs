using Microsoft.Playwright;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Dashboard.Tests;

/// <summary>
/// A busy night's dashboard, for the README: tasks at work, one asking a question, a plan waiting
/// for approval, some in review, one merged, one failed on its acceptance check, some queued. Run with NIGHTSHIFT_UPDATE_SCREENSHOTS=1 to refresh docs/screenshots.
/// </summary>
public sealed class ScreenshotTests(BrowserFixture browser)
{
    private static readonly TimeSpan LongTurn = TimeSpan.FromMinutes(5);

    private static Script NightScript() => Script.Create()
        .When(Step("[shot:rate]", "progress reported")).Delay(LongTurn).CallTool("finish", new { summary = "-" })
        .WhenLastUser("[shot:rate]").Usage(18_400, 2_100).CallTool("report_progress", new { percent = 45, line = "adding the token bucket to the gateway" })
        .When(Step("[shot:flaky]", "progress reported")).Delay(LongTurn).CallTool("finish", new { summary = "-" })
        .WhenLastUser("[shot:flaky]").Usage(9_800, 1_300).CallTool("report_progress", new { percent = 70, line = "re-running the checkout suite 20 times" })
        .When(Step("[shot:ask]", "The developer answered")).CallTool("finish", new { summary = "-" })
        .WhenLastUser("[shot:ask]").Usage(6_200, 400).CallTool("ask_question", new { question = "Should the webhook retry limit apply per endpoint or per subscriber?" })
        .When(Step("[shot:otel]", "An acceptance check failed")).Usage(4_100, 300).CallTool("finish", new { summary = "tried again" })
        .When(Step("[shot:otel]", "wrote")).Usage(3_900, 250).CallTool("finish", new { summary = "exporter added" })
        .WhenLastUser("[shot:otel]").Usage(8_200, 1_100).CallTool("write_file", new { path = "src/Logging.cs", content = "// exporter: console\n" })
        .WhenLastUser("[shot:plan]").Usage(14_500, 900).Say(BillingPlan)
        .When(Step("[shot:done]", "wrote")).Usage(12_000, 900).CallTool("finish", new { summary = "done" })
        .WhenLastUser("[shot:done]").Usage(11_000, 3_400).CallTool("write_file", new { path = $"notes/{Guid.NewGuid():N}.md", content = "Done.\n" })
        .Build();

    private const string BillingPlan = """
        **Split billing into invoicing and payments**

        1. Move `Invoice`, `InvoiceLine` and the PDF renderer into `Billing.Invoicing`.
        2. Move the card and SEPA gateways behind `IPaymentGateway` in `Billing.Payments`.
        3. Keep `BillingService` as a thin facade so callers do not change.
        4. Check: `dotnet test` and the invoice snapshot tests still pass.

        Question: should refunds live with payments or with invoicing?
        """;

    private static RequestMatch Step(string marker, string previous) =>
        RequestMatch.AnyMessageContains(marker).And(RequestMatch.LastMessageContains(previous));

    [Fact]
    public async Task The_inbox_and_the_board_of_a_busy_night()
    {
        await using var h = await DashboardHarness.StartAsync(NightScript(), concurrency: 3);
        var merged = await h.AddTaskAsync("Add a CONTRIBUTING guide", "[shot:done]", "labels: [docs]\n");
        var upgrade = await h.AddTaskAsync("Upgrade the solution to .NET 10", "[shot:done]", "labels: [build]\n");
        var webhooks = await h.AddTaskAsync("Document the webhook payloads", "[shot:done]", "labels: [docs, api]\n");
        var failed = await h.AddTaskAsync("Migrate logging to OpenTelemetry", "[shot:otel]", "labels: [ops]\nmax_retries: 0\nchecks: [\"grep -q OpenTelemetry src/Logging.cs\"]\n");
        foreach (var id in new[] { merged, upgrade, webhooks })
        {
            await h.WaitForStateAsync(id, "InReview");
        }
        await h.WaitForStateAsync(failed, "Failed");
        await h.Client.ApproveAsync(merged.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: TestContext.Current.CancellationToken);
        await h.WaitForStateAsync(merged, "Merged");
        // A plan waiting for approval holds no agent: the three below still get the three places.
        var plan = await h.AddTaskAsync("Split the billing module", "[shot:plan]", "labels: [billing]\nplan: required\n");
        await h.WaitForStateAsync(plan, "AwaitingPlanApproval");

        var rate = await h.AddTaskAsync("Add rate limiting to the public API", "[shot:rate]", "labels: [api]\n");
        var flaky = await h.AddTaskAsync("Fix the flaky checkout test", "[shot:flaky]", "labels: [tests]\n");
        var ask = await h.AddTaskAsync("Retry failed webhook deliveries", "[shot:ask]", "labels: [api]\n");
        await h.WaitForStateAsync(ask, "NeedsInput");
        await h.AddTaskAsync("Dark mode for the reports page", "[shot:later]", "labels: [ui]\n");
        await h.AddTaskAsync("Cache the dashboard's task queries", "[shot:later]", "labels: [perf]\n");

        var page = await h.SignedInPageAsync(browser.Browser, 1280, 1240);
        await Assertions.Expect(page.GetByTestId("inbox-item")).ToHaveCountAsync(5);
        await Screenshots.TakeAsync(page, "inbox");

        await page.SetViewportSizeAsync(1600, 900);
        await page.GotoAsync("/board");
        await DashboardHarness.WaitForCircuitAsync(page);
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor")).ShouldBe("rgb(255, 255, 255)");
        foreach (var (id, percent) in new[] { (rate, "45%"), (flaky, "70%") })
        {
            await Assertions.Expect(page.Locator($"[data-task='{id}']").GetByTestId("card-percent")).ToHaveTextAsync(percent, new() { Timeout = 20_000 });
        }
        await Assertions.Expect(page.GetByTestId("card")).ToHaveCountAsync(10);
        await Screenshots.TakeAsync(page, "board");

        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.Mouse.MoveAsync(700, 700);
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'");
        await Screenshots.TakeAsync(page, "board-dark");

        var phone = await h.SignedInPageAsync(browser.Browser, 390, 844);
        await phone.GotoAsync("/board");
        await DashboardHarness.WaitForCircuitAsync(phone);
        await Assertions.Expect(phone.GetByTestId("card")).ToHaveCountAsync(10);
        await Screenshots.TakeAsync(phone, "board-phone");
    }
}
