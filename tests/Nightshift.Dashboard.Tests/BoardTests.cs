using Microsoft.Playwright;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Dashboard.Tests;

public sealed class BoardTests(BrowserFixture browser)
{
    private const string Working = "[board:working]";
    private const string Quick = "[board:quick]";

    // Later steps come first: the spec stays the last user message for the whole run.
    private static Script BoardScript() => Script.Create()
        .When(Step(Working, "progress reported")).Once().Delay(TimeSpan.FromSeconds(3))
            .CallTool("report_progress", new { percent = 60, line = "writing the parser" })
        .When(Step(Working, "progress reported")).Delay(TimeSpan.FromSeconds(3)).CallTool("finish", new { summary = "parser written" })
        .WhenLastUser(Working).Usage(1_200, 300).CallTool("report_progress", new { percent = 20, line = "reading the grammar" })
        .WhenLastUser(Quick).CallTool("finish", new { summary = "nothing to do" })
        .Build();

    private static RequestMatch Step(string marker, string previous) =>
        RequestMatch.AnyMessageContains(marker).And(RequestMatch.LastMessageContains(previous));

    [Fact]
    public async Task A_running_task_shows_its_progress_and_tokens_moving_without_a_reload()
    {
        await using var h = await DashboardHarness.StartAsync(BoardScript());
        var page = await h.SignedInPageAsync(browser.Browser);
        await page.GetByTestId("nav-board").ClickAsync();
        await page.WaitForURLAsync("**/board");
        await page.EvaluateAsync("() => window.__sameDocument = true");

        var id = await h.AddTaskAsync("Parse the config grammar", Working);
        var card = page.Locator($"[data-testid=card][data-task='{id}']");

        await Assertions.Expect(card.GetByTestId("card-percent")).ToHaveTextAsync("20%", new() { Timeout = 15_000 });
        await Assertions.Expect(card.GetByTestId("card-line")).ToHaveTextAsync("reading the grammar");
        // The tokens of a turn the agent already took show while the run is still going.
        await Assertions.Expect(card.GetByTestId("card-cost")).ToHaveTextAsync("1.5k tok");
        (await card.GetAttributeAsync("data-state")).ShouldBe("Running");
        await Assertions.Expect(page.Locator("[data-column=running]").Locator($"[data-task='{id}']")).ToBeVisibleAsync();

        await Assertions.Expect(card.GetByTestId("card-percent")).ToHaveTextAsync("60%", new() { Timeout = 15_000 });
        await Assertions.Expect(card.GetByTestId("card-line")).ToHaveTextAsync("writing the parser");

        await Assertions.Expect(page.Locator("[data-column=review]").Locator($"[data-task='{id}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        (await page.EvaluateAsync<bool>("() => window.__sameDocument === true")).ShouldBeTrue("the page was reloaded");
        (await card.GetByTestId("card-title").GetAttributeAsync("href")).ShouldBe($"/tasks/{id}");
    }

    [Fact]
    public async Task Filters_narrow_the_cards_and_live_in_the_link()
    {
        await using var h = await DashboardHarness.StartAsync(BoardScript());
        var docs = await h.AddTaskAsync("Document the CLI", Quick, "labels: [docs]\n");
        var ui = await h.AddTaskAsync("Tidy the settings page", Quick, "labels: [ui]\n");
        var both = await h.AddTaskAsync("Screenshots in the docs", Quick, "labels: [docs, ui]\n");
        foreach (var id in new[] { docs, ui, both })
        {
            await h.WaitForStateAsync(id, "InReview");
        }
        var page = await h.SignedInPageAsync(browser.Browser);
        await page.GotoAsync("/board");
        await DashboardHarness.WaitForCircuitAsync(page);
        var cards = page.GetByTestId("card");
        await Assertions.Expect(cards).ToHaveCountAsync(3);

        await page.GetByTestId("filter-label").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("docs", new() { Exact = true }).ClickAsync();

        await page.WaitForURLAsync("**/board?label=docs");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        (await TaskIdsAsync(page)).ShouldBe([both, docs], ignoreOrder: true);
        await Assertions.Expect(page.GetByTestId("board-total")).ToHaveTextAsync("2 of 3 tasks");

        // A link keeps the view: another tab opened on it shows the same narrowing.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync($"/board?label=ui&agent=builtin&project={Uri.EscapeDataString(Path.GetFileName(h.Repo.Path))}");
        await DashboardHarness.WaitForCircuitAsync(other);
        await Assertions.Expect(other.GetByTestId("card")).ToHaveCountAsync(2);
        (await TaskIdsAsync(other)).ShouldBe([both, ui], ignoreOrder: true);
        await other.GotoAsync("/board?agent=claude");
        await Assertions.Expect(other.GetByTestId("card")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task On_a_phone_the_columns_scroll_sideways_inside_the_board_not_the_page()
    {
        await using var h = await DashboardHarness.StartAsync(BoardScript());
        var id = await h.AddTaskAsync("A task with a rather long title that has to wrap on a narrow phone screen", Quick, "labels: [docs, ui, needs-a-long-label]\n");
        await h.WaitForStateAsync(id, "InReview");
        var page = await h.SignedInPageAsync(browser.Browser, width: 390, height: 844);
        await page.GotoAsync("/board");
        await DashboardHarness.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("card")).ToHaveCountAsync(1);

        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        var board = page.GetByTestId("board");
        (await board.EvaluateAsync<bool>("b => b.scrollWidth > b.clientWidth")).ShouldBeTrue("the columns should scroll inside the board");
        (await page.GetByTestId("nav-inbox").IsVisibleAsync()).ShouldBeTrue();
        (await page.GetByTestId("theme-toggle").IsVisibleAsync()).ShouldBeTrue();
    }

    private static async Task<long[]> TaskIdsAsync(IPage page) =>
        [.. (await page.GetByTestId("card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.task)")).Select(long.Parse)];
}
