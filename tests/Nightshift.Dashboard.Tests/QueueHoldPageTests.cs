using Microsoft.Playwright;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Dashboard.Tests;

public sealed class QueueHoldPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_node_paused_for_disk_space_is_shown_on_the_inbox_the_board_and_a_queued_task()
    {
        var aboveFree = new DriveInfo(Path.GetTempPath()).AvailableFreeSpace + (1L << 40);
        await using var h = await DashboardHarness.StartAsync(Script.Create().WhenLastUser("never").Say("idle").Build(), minFreeDiskBytes: aboveFree);
        var id = await h.AddTaskAsync("Wait for space", "[wait]");
        var page = await h.SignedInPageAsync(browser.Browser);

        foreach (var path in new[] { "/", "/board", $"/tasks/{id}" })
        {
            await page.GotoAsync(path);
            await DashboardHarness.WaitForCircuitAsync(page);
            var hold = page.GetByTestId("queue-hold").First;
            await hold.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            var text = await hold.InnerTextAsync();
            text.ShouldContain("node dash paused: low disk, ", customMessage: path);
            text.ShouldContain("--min-free-disk", customMessage: path);
        }
        await page.GotoAsync("/");
        (await page.GetByTestId("inbox-empty").CountAsync()).ShouldBe(0, "a paused node is not inbox zero");
    }

    [Fact]
    public async Task A_ready_task_waiting_only_for_a_slot_says_so_with_the_numbers_on_the_board_and_its_page()
    {
        await using var h = await DashboardHarness.StartAsync(Script.Create().WhenLastUser("never").Say("idle").Build(), concurrency: 1);
        var busy = await h.Client.AddTaskAsync(new Nightshift.Client.AddTaskRequest(null, "---\ncommand: \"sleep 60\"\n---\n# Keeps the slot\n\nSleep.\n", "busy.md"));
        await h.WaitForStateAsync(busy.Id, "Running");
        var id = await h.AddTaskAsync("Wait for a slot", "[slot]");
        var page = await h.SignedInPageAsync(browser.Browser);
        const string Message = "waiting for a free slot (1 of 1 busy)";

        await page.GotoAsync("/board");
        await DashboardHarness.WaitForCircuitAsync(page);
        var card = page.Locator($"[data-testid=card][data-task='{id}'] [data-testid=card-waiting]");
        await card.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        (await card.InnerTextAsync()).ShouldBe(Message);
        (await page.Locator("[data-testid=queue-hold][data-kind=slots]").InnerTextAsync()).ShouldContain(Message);

        await page.GotoAsync($"/tasks/{id}");
        await DashboardHarness.WaitForCircuitAsync(page);
        var hold = page.Locator("[data-testid=queue-hold][data-kind=slots]");
        await hold.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var text = await hold.InnerTextAsync();
        text.ShouldContain(Message);
        text.ShouldContain("--concurrency");
        await h.Client.CancelAsync(busy.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
