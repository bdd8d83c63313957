using System.Globalization;
using Microsoft.Playwright;
using Nightshift.Client;
using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.ScriptedModel;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;

namespace Nightshift.Dashboard.Tests;

/// <summary>
/// The real server (API, worker, dashboard) on 127.0.0.1 with a free port, a temp data folder, a
/// real git repository registered as a project, and the built-in agent talking to a scripted model.
/// </summary>
public sealed class DashboardHarness : IAsyncDisposable
{
    private readonly TempDirectory _home = new("dash-home");
    private readonly List<IBrowserContext> _contexts = [];

    private DashboardHarness(ScriptedModelServer model)
    {
        Model = model;
        Repo = GitRepo.Create();
        Repo.WriteFile("README.md", "# Sample\n\nA sample project.\n");
        Repo.CommitAll("initial");
        Home = new NightshiftHome(_home.Path);
    }

    public GitRepo Repo { get; }

    public NightshiftHome Home { get; }

    public ScriptedModelServer Model { get; }

    public NightshiftServer Server { get; private set; } = null!;

    public NightshiftClient Client { get; private set; } = null!;

    // minFreeDiskBytes: the node's disk minimum; above the real free space, it claims nothing.
    public static async Task<DashboardHarness> StartAsync(Script script, int concurrency = 2, long minFreeDiskBytes = WorkerOptions.DefaultMinFreeDiskBytes)
    {
        Requirements.Git();
        var model = await ScriptedModelServer.StartAsync(script);
        var h = new DashboardHarness(model);
        h.Server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = h.Home,
            Port = 0,
            Worker = new WorkerOptions
            {
                NodeId = "dash",
                Concurrency = concurrency,
                PollInterval = TimeSpan.FromMilliseconds(100),
                RetryBackoff = TimeSpan.FromMilliseconds(50),
                StopGracePeriod = TimeSpan.FromSeconds(2),
                MinFreeDiskBytes = minFreeDiskBytes,
            },
            BuiltInAgent = new BuiltInAgentOptions { Model = ScriptedModelServer.ModelName, Endpoint = model.Endpoint, ApiKey = "scripted", MaxSteps = 30 },
        });
        h.Client = h.Server.CreateClient();
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        return h;
    }

    /// <summary>Adds a built-in-agent task whose body carries <paramref name="marker"/> for the script.</summary>
    public async Task<long> AddTaskAsync(string title, string marker, string? extraFrontMatter = null)
    {
        var spec = $"---\nagent: builtin\n{extraFrontMatter}---\n# {title}\n\n{marker} {title}.\n";
        return (await Client.AddTaskAsync(new AddTaskRequest(null, spec, $"{Guid.NewGuid():N}.md"))).Id;
    }

    /// <summary>A new browser context signed in through a one-time link, on the inbox.</summary>
    public async Task<IPage> SignedInPageAsync(IBrowser browser, int width = 1280, int height = 800)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Url.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        PageProblems.Watch(page);
        await page.GotoAsync(Server.NewSignInLink().ToString());
        await page.WaitForURLAsync(Server.Url.ToString());
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>Waits until the page is interactive: Blazor's circuit is up and the layout has rendered.</summary>
    public static async Task WaitForCircuitAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => window.__nsInteractive === true", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        }
        catch (TimeoutException ex)
        {
            var state = await page.EvaluateAsync<string>("() => `Blazor: ${typeof window.Blazor}, resources: ${performance.getEntriesByType('resource').map(e => e.name + ' ' + e.responseStatus).join(', ')}`");
            throw new TimeoutException($"{page.Url} did not become interactive within 30 s ({state}):\n{string.Join('\n', PageProblems.Of(page))}", ex);
        }
    }

    public async Task<TaskDto> WaitForStateAsync(long id, string state, int seconds = 60)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        while (true)
        {
            var task = (await Client.GetTaskAsync(key)).Task;
            if (task.State == state)
            {
                return task;
            }
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                var events = await Client.GetEventsAsync(key);
                throw new Xunit.Sdk.XunitException($"Task {id} is {task.State} ({task.StateReason}), not {state}:\n"
                    + string.Join('\n', events.Select(e => $"{e.Seq} {e.Kind} {e.Message}")));
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
        Client?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        await Model.DisposeAsync();
        Repo.Dispose();
        _home.Dispose();
    }
}
