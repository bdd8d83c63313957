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
}
