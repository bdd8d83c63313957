using Nightshift.Client;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Server.Hosting;
using Nightshift.Testing;

namespace Nightshift.Server.Tests;

/// <summary>The real server on 127.0.0.1 with a free port, a temp data folder and a real git repository.</summary>
public sealed class ServerHarness : IAsyncDisposable
{
    private readonly TempDirectory _home = new("home");

    private readonly Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? _services;
    private readonly bool _runWorker;

    private ServerHarness(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services, bool runWorker)
    {
        _services = services;
        _runWorker = runWorker;
        Repo = GitRepo.Create();
        Home = new NightshiftHome(_home.Path);
    }

    public GitRepo Repo { get; }

    public NightshiftHome Home { get; }

    public NightshiftServer Server { get; private set; } = null!;

    public NightshiftClient Client { get; private set; } = null!;

    /// <param name="services">Registrations that take precedence over the engine's (a runtime's options).</param>
    /// <param name="runWorker">False leaves tasks where they are: nothing claims them.</param>
    public static async Task<ServerHarness> StartAsync(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null, bool runWorker = true)
    {
        var h = new ServerHarness(services, runWorker);
        await h.RestartAsync();
        return h;
    }

    public async Task RestartAsync()
    {
        if (Server is not null)
        {
            Client.Dispose();
            await Server.DisposeAsync();
        }
        Server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = Home,
            Port = 0,
            Services = _services,
            RunWorker = _runWorker,
            Worker = new WorkerOptions
            {
                NodeId = "test",
                Concurrency = 2,
                PollInterval = TimeSpan.FromMilliseconds(100),
                RetryBackoff = TimeSpan.FromMilliseconds(50),
                StopGracePeriod = TimeSpan.FromSeconds(2),
            },
        });
        Client = Server.CreateClient();
    }

    public async Task<TaskDto> WaitForAsync(long id, string state, int seconds = 60)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        while (true)
        {
            var detail = await Client.GetTaskAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (detail.Task.State == state)
            {
                return detail.Task;
            }
            if (TimeProvider.System.GetUtcNow() > deadline || (detail.Task.State is "Failed" or "Cancelled" or "Merged" or "Blocked" && state is not ("Merged" or "Cancelled")))
            {
                var events = await Client.GetEventsAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                throw new Xunit.Sdk.XunitException($"Task {id} is {detail.Task.State} ({detail.Task.StateReason}), not {state}:\n"
                    + string.Join('\n', events.Select(e => $"{e.Seq} {e.Kind} {e.Message}")));
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Repo.Dispose();
        _home.Dispose();
    }
}
