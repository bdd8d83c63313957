using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Engine;
using Nightshift.Core.Projects;
using Nightshift.Core.Runs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Testing;
namespace Nightshift.Core.Tests;

/// <summary>
/// The real engine on a real SQLite file and a real git repository, both in temp folders; the
/// worker runs in the background when started. One per test.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly TempDirectory? _homeDir;
    private readonly ServiceProvider _services;
    private CancellationTokenSource? _workerStop;
    private Task? _worker;

    private EngineHarness(WorkerOptions options, TimeProvider? time, Core.Agents.BuiltIn.BuiltInAgentOptions? builtIn, Action<IServiceCollection>? configure, string? home)
    {
        Repo = GitRepo.Create();
        if (home is null)
        {
            _homeDir = new TempDirectory("home");
            home = _homeDir.Path;
        }
        Home = new NightshiftHome(home);
        Home.EnsureExists();
        var services = new ServiceCollection();
        if (builtIn is not null)
        {
            services.AddSingleton(builtIn);
        }
        configure?.Invoke(services);
        _services = services.AddNightshiftEngine(Home, options, time).BuildServiceProvider();
    }

    public GitRepo Repo { get; }

    public NightshiftHome Home { get; }

    public ProjectRecord Project { get; private set; } = null!;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    // home: the data folder (one the test owns, such as a small disk); a fresh temp folder when null.
    public static async Task<EngineHarness> StartAsync(WorkerOptions? options = null, TimeProvider? time = null, Core.Agents.BuiltIn.BuiltInAgentOptions? builtIn = null, Action<IServiceCollection>? configure = null, string? home = null)
    {
        var harness = new EngineHarness(options ?? Fast, time, builtIn, configure, home);
        await Database.MigrateAsync(harness.Get<DbContextOptions<NightshiftDb>>(), CancellationToken.None);
        harness.Project = await harness.Get<ProjectRegistry>().RegisterAsync(harness.Repo.Path, CancellationToken.None);
        return harness;
    }

    public static WorkerOptions Fast { get; } = new()
    {
        NodeId = "test-node",
        Concurrency = 2,
        PollInterval = TimeSpan.FromMilliseconds(100),
        RetryBackoff = TimeSpan.FromMilliseconds(50),
        MaxRetryBackoff = TimeSpan.FromMilliseconds(400),
        StopGracePeriod = TimeSpan.FromSeconds(2),
    };

    public void StartWorker()
    {
        _workerStop = new CancellationTokenSource();
        _worker = Task.Run(() => Get<Worker>().RunAsync(_workerStop.Token));
    }

    public async Task StopWorkerAsync()
    {
        if (_workerStop is null)
        {
            return;
        }
        await _workerStop.CancelAsync();
        try
        {
            await _worker!;
        }
        catch (OperationCanceledException)
        {
            // Stopping the worker is not an error.
        }
        _workerStop.Dispose();
        _workerStop = null;
    }

    public Task<TaskRecord> AddAsync(string spec, string file = "task.md") =>
        Get<TaskIntake>().AddAsync(null, spec, file, CancellationToken.None);

    public NightshiftDb Db() => Get<IDbContextFactory<NightshiftDb>>().CreateDbContext();

    /// <summary>Waits (bounded) until the task is in <paramref name="state"/> (and meets <paramref name="predicate"/>); fails with the task's story if it settles elsewhere.</summary>
    public async Task<TaskRecord> WaitForAsync(TaskId id, TaskState state, TimeSpan? timeout = null, Func<TaskRecord, bool>? predicate = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var task = await Get<TaskQueries>().FindAsync(id.ToString(), CancellationToken.None);
            if (task.State == state && (predicate is null || predicate(task)))
            {
                return task;
            }
            if (TimeProvider.System.GetUtcNow() > deadline || (TaskLifecycle.IsTerminal(task.State) && task.State != state))
            {
                var events = await Get<TaskQueries>().EventsAsync(id, 0, 500, CancellationToken.None);
                throw new Xunit.Sdk.XunitException(
                    $"Task {id} is {task.State} ({task.StateReason}), not {state}. Events:\n" + string.Join('\n', events.Select(e => $"{e.Seq} {e.Kind} {e.Message}")));
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Repo.Dispose();
        _homeDir?.Dispose();
    }
}
