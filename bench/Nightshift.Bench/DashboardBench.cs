using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Projects;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Server;
using Nightshift.Server.Hosting;

namespace Nightshift.Bench;

/// <summary>
/// The dashboard with a full store: the server render of /board (a signed-in GET of the prerendered
/// page) against the API's listing of the same tasks, and the time from an engine event to the
/// board card showing it in headless Chromium, against a no-op round trip to the same page.
/// </summary>
internal static class DashboardBench
{
    private const int Warmup = 5;

    public sealed record Result(int Tasks, Samples Board, Samples ApiList, Samples EventToScreen, Samples NoOp);

    public static async Task<Result> RunAsync(int tasks, int samples, TextWriter log)
    {
        var root = Directory.CreateTempSubdirectory("nightshift-dash-bench-");
        try
        {
            var repo = Path.Combine(root.FullName, "repo");
            await GitRepoAsync(repo);
            var home = new NightshiftHome(Path.Combine(root.FullName, "home"));
            // No worker: the seeded tasks stay where they are put.
            await using var server = await NightshiftServer.StartAsync(new ServerOptions
            {
                Home = home,
                Port = 0,
                RunWorker = false,
                Worker = new WorkerOptions { NodeId = "bench-dash", MinFreeDiskBytes = 0 },
            }, logging => logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning));
            var project = await server.Services.GetRequiredService<ProjectRegistry>().RegisterAsync(repo, CancellationToken.None);
            var watched = await DashboardSeed.SeedAsync(server.Services, project.Id, tasks);
            log.WriteLine($"seeded {tasks} tasks with {DashboardSeed.EventsPerTask} events each; watching task {watched}");

            var (board, api) = await RenderAsync(server, samples);
            log.WriteLine($"GET /board median {board.Median.TotalMilliseconds:0.0} ms; GET /api/tasks median {api.Median.TotalMilliseconds:0.0} ms");
            var (screen, noOp) = await EventToScreenAsync(server, watched, samples);
            log.WriteLine($"event → screen median {screen.Median.TotalMilliseconds:0.0} ms; no-op round trip median {noOp.Median.TotalMilliseconds:0.0} ms");
            return new Result(tasks, board, api, screen, noOp);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            root.Delete(recursive: true);
        }
    }

    private static async Task<(Samples Board, Samples Api)> RenderAsync(NightshiftServer server, int count)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var browserLike = new HttpClient(handler) { BaseAddress = server.Url };
        (await browserLike.GetAsync(server.NewSignInLink())).EnsureSuccessStatusCode();
        using var api = new HttpClient { BaseAddress = server.Url };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token.Value);
        var board = new Samples("GET /board");
        var list = new Samples("GET /api/tasks");
        for (var i = 0; i < count + Warmup; i++)
        {
            // Interleaved, so a noisy machine moves both.
            var apiTime = await TimeGetAsync(api, "api/tasks");
            var boardTime = await TimeGetAsync(browserLike, "board", mustContain: "data-testid=\"board\"");
            if (i >= Warmup)
            {
                list.Add(apiTime);
                board.Add(boardTime);
            }
        }
        return (board, list);
    }

    private static async Task<TimeSpan> TimeGetAsync(HttpClient http, string path, string? mustContain = null)
    {
        var start = TimeProvider.System.GetTimestamp();
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = TimeProvider.System.GetElapsedTime(start);
        response.EnsureSuccessStatusCode();
        if (mustContain is not null && !body.Contains(mustContain, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET {path} did not render the page (no {mustContain}); signed in?");
        }
        return elapsed;
    }

    private static async Task<(Samples Screen, Samples NoOp)> EventToScreenAsync(NightshiftServer server, TaskId watched, int count)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium(),
            Headless = true,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Url.ToString(), ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.NewSignInLink().ToString());
        await page.GotoAsync("/board");
        await page.WaitForFunctionAsync("() => window.__nsInteractive === true");
        var percent = $"[data-task='{watched}'] [data-testid=card-percent]";
        await page.WaitForSelectorAsync(percent);
        var board = server.Services.GetRequiredService<TaskBoard>();
        var screen = new Samples("event → screen");
        var noOp = new Samples("no-op round trip");
        for (var i = 0; i < count + Warmup; i++)
        {
            var started = TimeProvider.System.GetTimestamp();
            await page.WaitForFunctionAsync("() => true");
            var noOpTime = TimeProvider.System.GetElapsedTime(started);

            var shown = $"{i % 100}%";
            started = TimeProvider.System.GetTimestamp();
            await board.AppendAsync(watched, null, EventKind.Progress, $"{shown} bench step {i}", null, CancellationToken.None);
            await page.WaitForFunctionAsync("([s, t]) => document.querySelector(s)?.textContent === t", new object[] { percent, shown },
                new PageWaitForFunctionOptions { Timeout = 30_000 });
            var screenTime = TimeProvider.System.GetElapsedTime(started);
            if (i >= Warmup)
            {
                noOp.Add(noOpTime);
                screen.Add(screenTime);
            }
            // Past the board's reload gap, so each sample measures one change after a quiet spell.
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }
        return (screen, noOp);
    }

    private static string Chromium() =>
        Environment.GetEnvironmentVariable("NIGHTSHIFT_CHROMIUM") is { Length: > 0 } configured ? configured
        : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "chromium")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed: apt-get install chromium (or set NIGHTSHIFT_CHROMIUM).");

    private static async Task GitRepoAsync(string repo)
    {
        Directory.CreateDirectory(repo);
        foreach (var args in new[]
        {
            new[] { "init", "-q", "-b", "main" },
            ["-c", "user.name=Bench", "-c", "user.email=bench@localhost", "commit", "-q", "--allow-empty", "-m", "initial"],
        })
        {
            using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", args) { WorkingDirectory = repo, UseShellExecute = false })!;
            await git.WaitForExitAsync();
            if (git.ExitCode != 0)
            {
                throw new InvalidOperationException($"git {string.Join(' ', args)} failed in {repo}");
            }
        }
    }
}
