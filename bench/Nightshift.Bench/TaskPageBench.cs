using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Nightshift.Client;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Server;
using Nightshift.Server.Hosting;

namespace Nightshift.Bench;

/// <summary>
/// The dashboard's task page with a 10,000-event transcript, against the same page for a task
/// with a short one, in the same run: the server's render of the page (a signed-in GET, the
/// prerendered HTML) and the time from an event appended to the log until a real Chromium page
/// that has the task open shows it.
/// </summary>
internal static class TaskPageBench
{
    private const int BigTranscript = 10_000;
    private const int SmallTranscript = 20;
    private const int Warmup = 3;

    public static async Task<string> RunAsync(int samples, TextWriter log)
    {
        var root = Directory.CreateTempSubdirectory("nightshift-bench-page-");
        try
        {
            var repo = Path.Combine(root.FullName, "repo");
            Directory.CreateDirectory(repo);
            await BenchEngine.GitAsync(repo, "init", "-q", "-b", "main");
            await File.WriteAllTextAsync(Path.Combine(repo, "README.md"), "# bench\n");
            await BenchEngine.GitAsync(repo, "add", "-A");
            await BenchEngine.GitAsync(repo, "-c", "user.name=Bench", "-c", "user.email=bench@localhost", "commit", "-q", "-m", "initial");
            // No worker: the tasks stay queued, and their logs are only what the bench writes.
            await using var server = await NightshiftServer.StartAsync(new ServerOptions { Home = new NightshiftHome(Path.Combine(root.FullName, "home")), Port = 0, RunWorker = false });
            using var client = server.CreateClient();
            await client.RegisterProjectAsync(repo);
            var board = server.Services.GetRequiredService<TaskBoard>();
            var big = await AddTaskAsync(client, board, "big", BigTranscript);
            var small = await AddTaskAsync(client, board, "small", SmallTranscript);
            log.WriteLine($"Task page bench: #{big} with {BigTranscript} events, #{small} with {SmallTranscript}");

            var (renderBig, renderSmall) = await MeasureRenderAsync(server, big, small, samples);
            var (screenBig, screenSmall) = await MeasureEventToScreenAsync(server, board, big, small, Math.Max(10, samples / 3), log);
            return ToMarkdown(renderBig, renderSmall, screenBig, screenSmall);
        }
        finally
        {
            try
            {
                root.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<long> AddTaskAsync(NightshiftClient client, TaskBoard board, string name, int events)
    {
        var task = await client.AddTaskAsync(new AddTaskRequest(null, $"---\ncommand: \"true\"\n---\n# Page bench {name}\n\nA transcript of {events} events.\n", $"page-{name}.md"));
        var id = new TaskId(task.Id);
        for (var start = 0; start < events; start += 1000)
        {
            var batch = Enumerable.Range(start, Math.Min(1000, events - start))
                .Select(i => i % 10 == 0
                    ? (EventKind.Message, $"Message {i}: the agent explains what it does next, in a sentence or two.", (string?)null)
                    : i % 10 == 1 ? (EventKind.ToolCall, $"run_command dotnet test --filter Case{i}", null)
                    : i % 10 == 2 ? (EventKind.ToolCall, $"run_command: exit 0", "{\"result\":true}")
                    : (EventKind.Log, $"  output line {i} of a command the agent ran", null))
                .ToList();
            await board.AppendManyAsync(id, null, batch, CancellationToken.None);
        }
        return task.Id;
    }

    /// <summary>Signed-in GETs of each page, interleaved, so a noisy machine moves both alike.</summary>
    private static async Task<(Samples Big, Samples Small)> MeasureRenderAsync(NightshiftServer server, long big, long small, int samples)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var http = new HttpClient(handler) { BaseAddress = server.Url };
        (await http.GetAsync(server.NewSignInLink())).EnsureSuccessStatusCode();
        var bigSamples = new Samples($"GET /tasks/{{id}}, {BigTranscript} events");
        var smallSamples = new Samples($"GET /tasks/{{id}}, {SmallTranscript} events");
        for (var i = 0; i < samples + Warmup; i++)
        {
            var b = await TimeGetAsync(http, big);
            var s = await TimeGetAsync(http, small);
            if (i >= Warmup)
            {
                bigSamples.Add(b);
                smallSamples.Add(s);
            }
        }
        return (bigSamples, smallSamples);
    }

    private static async Task<TimeSpan> TimeGetAsync(HttpClient http, long task)
    {
        var start = TimeProvider.System.GetTimestamp();
        using var response = await http.GetAsync($"tasks/{task.ToString(CultureInfo.InvariantCulture)}");
        var html = await response.Content.ReadAsStringAsync();
        var elapsed = TimeProvider.System.GetElapsedTime(start);
        if (!response.IsSuccessStatusCode || !html.Contains("data-testid=\"task-header\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET /tasks/{task} answered {(int)response.StatusCode} without the task page; is the sign-in cookie set?");
        }
        return elapsed;
    }

    /// <summary>Appends an event and times until an open page of that task shows it; one page per task, alternating.</summary>
    private static async Task<(Samples Big, Samples Small)> MeasureEventToScreenAsync(NightshiftServer server, TaskBoard board, long big, long small, int samples, TextWriter log)
    {
        var chromium = Environment.GetEnvironmentVariable("NIGHTSHIFT_CHROMIUM") is { Length: > 0 } configured ? configured : FindOnPath("chromium");
        if (chromium is null)
        {
            throw new InvalidOperationException("Chromium is not installed: apt-get install chromium (or set NIGHTSHIFT_CHROMIUM).");
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Url.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var bigPage = await OpenAsync(context, server, big);
        var smallPage = await OpenAsync(context, server, small);
        var bigSamples = new Samples($"event → on screen, {BigTranscript} events");
        var smallSamples = new Samples($"event → on screen, {SmallTranscript} events");
        for (var i = 0; i < samples + Warmup; i++)
        {
            var b = await TimeEventAsync(board, bigPage, big, $"bench-big-{i}");
            var s = await TimeEventAsync(board, smallPage, small, $"bench-small-{i}");
            if (i >= Warmup)
            {
                bigSamples.Add(b);
                smallSamples.Add(s);
            }
        }
        log.WriteLine($"Event-to-screen: {bigSamples.Median.TotalMilliseconds:0} ms vs {smallSamples.Median.TotalMilliseconds:0} ms");
        return (bigSamples, smallSamples);
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, NightshiftServer server, long task)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.NewSignInLink().ToString());
        await page.GotoAsync($"tasks/{task.ToString(CultureInfo.InvariantCulture)}");
        await page.WaitForFunctionAsync("() => window.__nsInteractive === true && document.querySelector('[data-testid=transcript] [data-testid=transcript-item]') !== null", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        return page;
    }

    private static async Task<TimeSpan> TimeEventAsync(TaskBoard board, IPage page, long task, string text)
    {
        // A page in the background gets its timers throttled to once a second: measure the one in front.
        await page.BringToFrontAsync();
        var start = TimeProvider.System.GetTimestamp();
        await board.AppendAsync(new TaskId(task), null, EventKind.Message, text, null, CancellationToken.None);
        await page.WaitForFunctionAsync(
            "t => [...document.querySelectorAll('[data-testid=transcript-item]')].some(e => e.textContent.includes(t))",
            text,
            new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 5 });
        return TimeProvider.System.GetElapsedTime(start);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static string ToMarkdown(Samples renderBig, Samples renderSmall, Samples screenBig, Samples screenSmall)
    {
        var report = new Report(TimeProvider.System.GetUtcNow());
        report.Baseline($"task page render, {SmallTranscript}-event transcript, median (n={renderSmall.Count}, interleaved)", renderSmall.Median);
        report.Against($"task page render, {BigTranscript}-event transcript, median (n={renderBig.Count})", renderBig.Median, "20-event render", renderSmall.Median);
        report.Against($"task page render, {BigTranscript}-event transcript, p99", renderBig.P99, "20-event render", renderSmall.Median);
        report.Baseline($"event → on screen, {SmallTranscript}-event page, median (n={screenSmall.Count}, interleaved)", screenSmall.Median);
        report.Against($"event → on screen, {BigTranscript}-event page, median (n={screenBig.Count})", screenBig.Median, "20-event page", screenSmall.Median);
        report.Against($"event → on screen, {BigTranscript}-event page, p99", screenBig.P99, "20-event page", screenSmall.Median);
        report.Note("Render: a signed-in GET of /tasks/{id} until the whole prerendered HTML is read. The page reads only the latest 500 events of the log (and the decisions, checks, questions and plans before them), so a 10,000-event task costs about what a 500-event one does.");
        report.Note("Event → on screen: one message event appended through the engine's TaskBoard, until a headless Chromium page that has the task open shows it (Playwright polls the DOM every 5 ms). It includes the page's 100 ms coalescing of change bursts, the read of only the events after the last one the page holds, the render diff over the circuit, and the virtualised list's scroll to the end. The measured page is brought to the front first: Chromium throttles a background page's timers to once a second.");
        return report.ToMarkdown("## Task page benchmark", "dotnet run -c Release --project bench/Nightshift.Bench -- --suite taskpage");
    }
}
