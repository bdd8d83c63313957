using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Nightshift.Dashboard.Tests;

public sealed partial class ReviewPageTests(BrowserFixture browser)
{
    private const string Greet = "[review:greet]";
    private const string Bye = "[review:bye]";
    private const string Readme = "[review:readme]";
    private const string Feedback = "## Feedback to address";
    private const string HelloV1 = "// Greets whoever runs it.\nvar name = \"world\";\nConsole.WriteLine($\"Hello, {name}!\");\n";
    private const string HelloV2 = "// Greets whoever runs it.\nconst string Name = \"world\";\nConsole.WriteLine($\"Hello, {Name}!\");\nConsole.WriteLine(\"Goodbye!\");\n";
    private const string ReadmeV1 = "# Sample\n\nA sample project that greets.\n\nRun it with `dotnet run hello.cs`.\n";
    private const string Hello = "[data-testid=diff-file][data-path='hello.cs'] ";
    private const string Checks = "checks: [\"test -s hello.cs\"]\n";

    static ReviewPageTests() => SetDefaultExpectTimeout(20_000);

    // Each task's spec carries a marker; each step is chosen by the marker and the step before.
    // A follow-up run (its prompt carries the review) takes a few seconds, so the page can show it running.
    private static Script Build() => Script.Create()
        .When(RequestMatch.LastMessageContains(Feedback)).Delay(TimeSpan.FromSeconds(3))
            .CallTool("write_file", new { path = "hello.cs", content = HelloV2 })
        .When(Step(Greet, "wrote hello.cs")).CallTool("finish", new { summary = "Added hello.cs, which greets the world" })
        .WhenLastUser(Greet)
            .CallTool("record_decision", new { decision = "A top-level C# program", reason = "nothing else is needed to run it" })
            .CallTool("write_file", new { path = "README.md", content = ReadmeV1 })
            .CallTool("write_file", new { path = "hello.cs", content = HelloV1 })
        .When(Step(Bye, "wrote bye.txt")).CallTool("finish", new { summary = "Added bye.txt" })
        .WhenLastUser(Bye).CallTool("write_file", new { path = "bye.txt", content = "bye\n" })
        .When(Step(Readme, "wrote README.md")).CallTool("finish", new { summary = "Rewrote the README" })
        .WhenLastUser(Readme).CallTool("write_file", new { path = "README.md", content = "# Sample\n\nRewritten by the agent.\n" })
        .Build();

    private static RequestMatch Step(string marker, string previous) =>
        RequestMatch.AnyMessageContains(marker).And(RequestMatch.LastMessageContains(previous));

    [Fact]
    public async Task The_review_shows_the_summary_the_checks_and_the_diff_file_by_file_unified_and_side_by_side()
    {
        await using var h = await DashboardHarness.StartAsync(Build());
        var id = await h.AddTaskAsync("Greet the world", Greet, Checks);
        await h.WaitForStateAsync(id, "InReview");
        var page = await OpenReviewAsync(h, id);

        await Expect(page.GetByTestId("agent-summary")).ToHaveTextAsync("Added hello.cs, which greets the world");
        await Expect(page.GetByTestId("decision")).ToContainTextAsync("A top-level C# program");
        var check = page.GetByTestId("check");
        await Expect(check).ToHaveAttributeAsync("data-passed", "true");
        await Expect(check).ToHaveAttributeAsync("data-on-reviewed", "true");
        await Expect(page.GetByTestId("diff-file-name")).ToHaveTextAsync(["README.md", "hello.cs"]);
        await Expect(page.GetByTestId("diff-stats")).ToContainTextAsync("2 files changed");
        var added = page.Locator(Hello + "[data-testid=diff-line][data-kind=added]");
        await Expect(added).ToHaveCountAsync(3);
        await Expect(added.Nth(2)).ToContainTextAsync("Console.WriteLine($\"Hello, {name}!\");");
        // Coloured as C#: the keyword and the string have their classes.
        await Expect(page.Locator(Hello + ".tk-k", new() { HasTextString = "var" })).ToHaveCountAsync(1);
        await Expect(page.Locator(Hello + ".tk-s").First).ToContainTextAsync("\"world\"");
        await Screenshots.TakeAsync(page, "review");

        await page.GetByTestId("view-split").ClickAsync();
        await Expect(page.GetByTestId("view-split")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Mouse.MoveAsync(0, 0);
        await Expect(page.Locator(Hello + "[data-testid=diff-right]").Nth(2)).ToContainTextAsync("Console.WriteLine");
        await Expect(page.Locator(Hello + "[data-testid=diff-left]")).ToHaveCountAsync(0);
        // README's changed line sits beside the line it replaces.
        await Expect(page.Locator("[data-testid=diff-file][data-path='README.md'] tr[data-new='3'] [data-testid=diff-left]")).ToContainTextAsync("A sample project.");
        await Screenshots.TakeAsync(page, "review-split");

        await page.Locator(Hello + "[data-testid=diff-file-toggle]").ClickAsync();
        await Expect(page.Locator(Hello + "[data-testid=diff-table]")).ToHaveCountAsync(0);
        // The browser's own favicon request shows up only as a console line; every other failed request as "HTTP …".
        PageProblems.Of(page).Where(p => !p.Contains("Failed to load resource", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_inline_comment_and_a_request_for_changes_start_a_follow_up_run_that_receives_both()
    {
        await using var h = await DashboardHarness.StartAsync(Build());
        var id = await h.AddTaskAsync("Greet the world", Greet, Checks);
        await h.WaitForStateAsync(id, "InReview");
        var page = await OpenReviewAsync(h, id);

        await page.Locator(Hello + "tr[data-testid=diff-line][data-new='2'] td.ns-dl-commentable").ClickAsync();
        await page.GetByTestId("line-comment-input").FillAsync("Make the name a constant.");
        await page.GetByTestId("line-comment-save").ClickAsync();
        await Expect(page.Locator("[data-testid=line-comment][data-line='2']")).ToContainTextAsync("Make the name a constant.");
        await Expect(page.GetByTestId("pending-comments")).ToHaveTextAsync("with 1 inline comment");

        await page.GetByTestId("changes-message").FillAsync("Say goodbye too.");
        await page.GetByTestId("request-changes").ClickAsync();

        await Expect(page.GetByTestId("follow-up")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("task-state")).ToHaveAttributeAsync("data-state", ActiveAgain());
        var request = await NextRequestContainingAsync(h, Feedback);
        request.LastMessage!.Text.ShouldContain("(hello.cs:2): Make the name a constant.");
        request.LastMessage.Text.ShouldContain("Say goodbye too.");

        // The follow-up comes back for review, and the page shows its new change.
        await Expect(page.GetByTestId("approve")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator(Hello + "[data-testid=diff-line][data-kind=added]").Last).ToContainTextAsync("Goodbye!");
        await Expect(page.Locator("[data-testid=line-comment]")).ToContainTextAsync("delivered to the agent");
    }

    [Fact]
    public async Task Approving_merges_the_branch_into_main_and_the_page_shows_it_merged()
    {
        await using var h = await DashboardHarness.StartAsync(Build());
        var id = await h.AddTaskAsync("Greet the world", Greet, Checks);
        await h.WaitForStateAsync(id, "InReview");
        var page = await OpenReviewAsync(h, id);

        await page.GetByTestId("approve").ClickAsync();

        await Expect(page.GetByTestId("merge-state")).ToHaveAttributeAsync("data-state", "Merged");
        await Expect(page.GetByTestId("task-state")).ToHaveAttributeAsync("data-state", "Merged");
        await h.WaitForStateAsync(id, "Merged");
        h.Repo.Git("show", "main:hello.cs").ShouldContain("Console.WriteLine($\"Hello, {name}!\");");
        await Expect(page.GetByTestId("merge-queue-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Keys_walk_the_review_queue_approve_and_open_the_message_box_but_not_while_typing()
    {
        await using var h = await DashboardHarness.StartAsync(Build());
        var greet = await h.AddTaskAsync("Greet the world", Greet, Checks);
        var bye = await h.AddTaskAsync("Say bye", Bye, extraFrontMatter: "priority: high\n");
        await h.WaitForStateAsync(greet, "InReview");
        await h.WaitForStateAsync(bye, "InReview");
        var page = await h.SignedInPageAsync(browser.Browser);

        // The queue puts the high-priority task first.
        await page.GetByTestId("nav-review").ClickAsync();
        await Expect(page.GetByTestId("review-queue-item")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("review-queue-item").First).ToHaveAttributeAsync("data-task", Id(bye));
        await page.GetByTestId("start-review").ClickAsync();
        await Expect(page.GetByTestId("review-title")).ToContainTextAsync("Say bye");
        await KeysReadyAsync(page);

        await page.Keyboard.PressAsync("?");
        await Expect(page.GetByTestId("shortcuts-help")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId("shortcuts-help")).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("j");
        await Expect(page).ToHaveURLAsync(new Regex($"/tasks/{greet}/review$"));
        await Expect(page.GetByTestId("review-title")).ToContainTextAsync("Greet the world");

        // Typed into the message box, `a` is a letter, not an approval.
        await page.Keyboard.PressAsync("r");
        await Expect(page.GetByTestId("changes-message")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("a");
        await Expect(page.GetByTestId("changes-message")).ToHaveValueAsync("a");
        (await h.Client.GetTaskAsync(Id(greet))).Task.State.ShouldBe("InReview");
        await page.Keyboard.PressAsync("Escape");

        await page.Keyboard.PressAsync("a");
        await Expect(page.GetByTestId("merge-state")).ToHaveAttributeAsync("data-state", "Merged");
        await h.WaitForStateAsync(greet, "Merged");

        // Merged, it left the queue: the next key goes to what is still waiting.
        await page.Keyboard.PressAsync("n");
        await Expect(page).ToHaveURLAsync(new Regex($"/tasks/{bye}/review$"));
        await page.Keyboard.PressAsync("s");
        await Expect(page.GetByTestId("view-split")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task A_merge_conflict_shows_the_files_it_is_in()
    {
        await using var h = await DashboardHarness.StartAsync(Build());
        var id = await h.AddTaskAsync("Rewrite the README", Readme);
        await h.WaitForStateAsync(id, "InReview");
        h.Repo.WriteFile("README.md", "# Sample\n\nChanged on main meanwhile.\n");
        h.Repo.CommitAll("main moves on");
        var page = await OpenReviewAsync(h, id);

        await page.GetByTestId("approve").ClickAsync();

        await Expect(page.GetByTestId("merge-state")).ToHaveAttributeAsync("data-state", "Conflict");
        await Expect(page.GetByTestId("conflict-file")).ToHaveTextAsync("README.md");
        await Expect(page.GetByTestId("integrate")).ToBeVisibleAsync();
        await h.WaitForStateAsync(id, "Conflict");
        h.Repo.Git("show", "main:README.md").ShouldContain("Changed on main meanwhile.");
    }

    [Fact]
    public async Task A_follow_up_that_changed_nothing_is_flagged_above_the_old_diff()
    {
        await using var h = await DashboardHarness.StartAsync(Build());
        // Writes its file once; asked again, it finds the file there and does nothing.
        var spec = "---\ncommand: \"test -f done.txt || echo one > done.txt\"\n---\n# Once\n\nWrite done.txt.\n";
        var id = (await h.Client.AddTaskAsync(new Nightshift.Client.AddTaskRequest(null, spec, "once.md"))).Id;
        await h.WaitForStateAsync(id, "InReview");
        (await h.Client.RejectAsync(id.ToString(CultureInfo.InvariantCulture), "Write two, not one.")).State.ShouldNotBe("InReview");
        await h.WaitForStateAsync(id, "InReview");

        var page = await OpenReviewAsync(h, id);

        await Expect(page.GetByTestId("review-flag").First).ToHaveTextAsync(
            "changes were requested, but the follow-up run (run 2) changed nothing: the diff is the one already reviewed");
    }

    private async Task<IPage> OpenReviewAsync(DashboardHarness h, long id)
    {
        var page = await h.SignedInPageAsync(browser.Browser, 1400, 900);
        await page.GotoAsync($"tasks/{id}/review");
        await DashboardHarness.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("review-title")).ToBeVisibleAsync();
        await KeysReadyAsync(page);
        return page;
    }

    /// <summary>Waits until the page listens for its shortcut keys.</summary>
    private static Task KeysReadyAsync(IPage page) => Expect(page.Locator("html[data-ns-review-keys=on]")).ToHaveCountAsync(1);

    private static async Task<RecordedRequest> NextRequestContainingAsync(DashboardHarness h, string text)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (h.Model.Requests.LastOrDefault(r => r.LastMessage?.Contains(text) == true) is { } found)
            {
                return found;
            }
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"The model never received a request containing '{text}'.");
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^(ChangesRequested|Queued|Running)$")]
    private static partial Regex ActiveAgain();
}
