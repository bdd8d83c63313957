using System.Globalization;
using Microsoft.Playwright;
using Nightshift.Client;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Dashboard.Tests;

public sealed class TaskPageTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 30_000 };

    [Fact]
    public async Task An_open_task_page_shows_the_transcript_grow_without_reloading()
    {
        await using var h = await DashboardHarness.StartAsync(TaskPageScript.Build());
        var id = await h.AddTaskAsync("Grow in steps", TaskPageScript.Grow);
        await WaitForRequestAsync(h, TaskPageScript.Grow);
        var page = await OpenAsync(h, id);
        await page.EvaluateAsync("() => window.__sameDocument = true");
        var before = await page.GetByTestId("transcript-item").CountAsync();

        await Assertions.Expect(Row(page, "write_file b.txt")).ToBeVisibleAsync(Soon);
        await Assertions.Expect(page.GetByTestId("state-chip")).ToHaveAttributeAsync("data-state", "InReview", new() { Timeout = 30_000 });

        (await page.EvaluateAsync<bool>("() => window.__sameDocument === true")).ShouldBeTrue("the page reloaded instead of updating in place");
        (await page.GetByTestId("transcript-item").CountAsync()).ShouldBeGreaterThan(before);
        await Assertions.Expect(page.GetByTestId("decision")).ToContainTextAsync("Two files, not one");
        // The command's output and result fold under its call.
        var command = Row(page, "run_command echo step-two-output");
        await command.Locator("summary").ClickAsync();
        await Assertions.Expect(command.GetByTestId("tool-output")).ToContainTextAsync("step-two-output");
    }

    [Fact]
    public async Task A_steer_sent_from_the_task_page_is_marked_delivered_and_reaches_the_model()
    {
        await using var h = await DashboardHarness.StartAsync(TaskPageScript.Build());
        var id = await h.AddTaskAsync("Write notes", TaskPageScript.Steer);
        await WaitForRequestAsync(h, TaskPageScript.Steer);
        var page = await OpenAsync(h, id);

        await Input(page, "feedback-input").FillAsync(TaskPageScript.SteerText);
        await page.GetByTestId("steer").ClickAsync();
        var comment = page.GetByTestId("comment").Filter(new() { HasText = TaskPageScript.SteerText });
        await Assertions.Expect(comment).ToBeVisibleAsync(Soon);

        await Assertions.Expect(comment).ToHaveAttributeAsync("data-state", "delivered", new() { Timeout = 30_000 });
        await Assertions.Expect(comment.GetByTestId("comment-state")).ToContainTextAsync("to run 1");
        await h.WaitForStateAsync(id, "InReview");
        h.Model.Requests.ShouldContain(r => r.Contains(TaskPageScript.SteerText));
    }

    [Fact]
    public async Task A_question_answered_on_the_task_page_lets_the_task_go_on()
    {
        await using var h = await DashboardHarness.StartAsync(TaskPageScript.Build());
        var id = await h.AddTaskAsync("Pick a colour", TaskPageScript.Ask);
        await WaitForRequestAsync(h, TaskPageScript.Ask);
        var page = await OpenAsync(h, id);

        // The question appears on the open page when the agent asks it.
        await Assertions.Expect(page.GetByTestId("question-text")).ToHaveTextAsync(TaskPageScript.Question, new() { Timeout = 30_000 });
        await Input(page, "answer-input").FillAsync("teal");
        await page.GetByTestId("answer-send").ClickAsync();

        await Assertions.Expect(page.GetByTestId("state-chip")).ToHaveAttributeAsync("data-state", "InReview", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("question")).ToHaveCountAsync(0);
        h.Model.Requests.ShouldContain(r => r.Contains("The developer answered: teal"));
    }

    [Fact]
    public async Task A_running_task_is_cancelled_from_its_page()
    {
        await using var h = await DashboardHarness.StartAsync(TaskPageScript.Build());
        var id = await h.AddTaskAsync("Think for long", TaskPageScript.Long);
        await WaitForRequestAsync(h, TaskPageScript.Long);
        var page = await OpenAsync(h, id);
        await Assertions.Expect(page.GetByTestId("state-chip")).ToHaveAttributeAsync("data-state", "Running");

        await page.GetByTestId("cancel").ClickAsync();

        await Assertions.Expect(page.GetByTestId("state-chip")).ToHaveAttributeAsync("data-state", "Cancelled", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("cancel")).ToHaveCountAsync(0);
        (await h.Client.GetTaskAsync(id.ToString(CultureInfo.InvariantCulture))).Task.State.ShouldBe("Cancelled");
    }

    [Fact]
    public async Task A_task_with_ten_thousand_events_opens_at_its_latest_events()
    {
        await using var h = await DashboardHarness.StartAsync(TaskPageScript.Build());
        var id = await h.AddTaskAsync("Chatty", TaskPageScript.Quick);
        await h.WaitForStateAsync(id, "InReview");
        var board = h.Server.Services.GetRequiredService<TaskBoard>();
        var lines = Enumerable.Range(1, 10_000)
            .Select(i => i % 10 == 0 ? (EventKind.Message, $"message {i}", (string?)null) : (EventKind.Log, $"output line {i}", (string?)null))
            .ToList();
        lines[^1] = (EventKind.Message, "the very last event", null);
        await board.AppendManyAsync(new TaskId(id), null, lines, TestContext.Current.CancellationToken);

        var page = await OpenAsync(h, id);

        await Assertions.Expect(Row(page, "the very last event")).ToBeInViewportAsync(new() { Timeout = 30_000 });
        // Only what is on screen is in the page, and the first page of the log was never read.
        (await page.GetByTestId("transcript-item").CountAsync()).ShouldBeLessThan(200);
        await Assertions.Expect(page.GetByTestId("load-earlier")).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, "output line 1 ")).ToHaveCountAsync(0);

        // New events still arrive at the end, and the page follows them.
        await board.AppendAsync(new TaskId(id), null, EventKind.Message, "one more after ten thousand", null, TestContext.Current.CancellationToken);
        await Assertions.Expect(Row(page, "one more after ten thousand")).ToBeInViewportAsync(new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task The_task_page_screenshot_shows_a_finished_task_in_light_and_dark()
    {
        await using var h = await DashboardHarness.StartAsync(TaskPageScript.Build());
        var id = await h.AddTaskAsync("Add a greeting script", TaskPageScript.Shot, "checks:\n  - sh greet.sh test\n");
        await h.WaitForStateAsync(id, "InReview");
        var board = h.Server.Services.GetRequiredService<TaskBoard>();
        await board.AppendAsync(new TaskId(id), null, "plan", "- [x] Write greet.sh\n- [x] Try it on a name\n- [ ] Document the --help flag", null, TestContext.Current.CancellationToken);
        await h.Client.AddCommentAsync(id.ToString(CultureInfo.InvariantCulture), new AddCommentRequest("Mention the --help flag too.", "queue"), TestContext.Current.CancellationToken);

        var page = await OpenAsync(h, id, 1440, 1000);
        await Assertions.Expect(page.GetByTestId("plan-step")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("check")).ToHaveAttributeAsync("data-passed", "true");
        await Assertions.Expect(page.GetByTestId("open-review")).ToBeVisibleAsync();
        var command = Row(page, "run_command sh greet.sh Nightshift");
        await command.Locator("summary").ClickAsync();
        await Assertions.Expect(command.GetByTestId("tool-output")).ToContainTextAsync("Hello, Nightshift!");
        await Screenshots.TakeAsync(page, "task");

        await page.GetByTestId("theme-toggle").ClickAsync();
        // Away from the toggle, so its tooltip is not in the picture.
        await page.Mouse.MoveAsync(700, 5);
        await page.WaitForTimeoutAsync(500);
        await Screenshots.TakeAsync(page, "task-dark");
        // The browser asks for a favicon the dashboard does not have; nothing else may fail.
        PageProblems.Of(page).Where(p => !p.Contains("favicon", StringComparison.Ordinal) && !p.Contains("404 (Not Found)", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    private async Task<IPage> OpenAsync(DashboardHarness h, long id, int width = 1280, int height = 800)
    {
        var page = await h.SignedInPageAsync(browser.Browser, width, height);
        await page.GotoAsync($"tasks/{id}");
        await DashboardHarness.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("task-header")).ToBeVisibleAsync();
        return page;
    }

    private static ILocator Row(IPage page, string text) => page.GetByTestId("transcript-item").Filter(new() { HasText = text }).First;

    /// <summary>The text box inside a MudBlazor field that carries <paramref name="testId"/>.</summary>
    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    private static async Task WaitForRequestAsync(DashboardHarness h, string marker)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        while (!h.Model.Requests.Any(r => r.Contains(marker)))
        {
            await Task.Delay(50, limit.Token);
        }
    }
}
