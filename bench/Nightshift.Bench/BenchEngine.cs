using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nightshift.Core.Agents;
using Nightshift.Core.Agents.Command;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Engine;
using Nightshift.Core.Projects;
using Nightshift.Core.Runs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
namespace Nightshift.Bench;

/// <summary>The real engine on a temp data folder and a real git repository, with the command agent timed.</summary>
internal sealed class BenchEngine : IAsyncDisposable
{
    private readonly DirectoryInfo _root;
    private readonly ServiceProvider _services;
    private CancellationTokenSource? _workerStop;
    private Task? _worker;

    private BenchEngine(DirectoryInfo root, NightshiftHome home, WorkerOptions options)
    {
        _root = root;
        Home = home;
        Options = options;
        var services = new ServiceCollection().AddNightshiftEngine(home, options);
        services.RemoveAll<IAgentRuntime>();
        services.AddSingleton<CommandAgent>();
        services.AddSingleton(sp => new TimedAgent(sp.GetRequiredService<CommandAgent>()));
        services.AddSingleton<IAgentRuntime>(sp => sp.GetRequiredService<TimedAgent>());
        _services = services.BuildServiceProvider();
    }

    public NightshiftHome Home { get; }

    public WorkerOptions Options { get; }

    public string Root => _root.FullName;

    public TimedAgent Agent => Get<TimedAgent>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<BenchEngine> StartAsync(WorkerOptions options)
    {
        var root = Directory.CreateTempSubdirectory("nightshift-bench-");
        var repo = Path.Combine(root.FullName, "repo");
        Directory.CreateDirectory(repo);
        await GitAsync(repo, "init", "-q", "-b", "main");
        await File.WriteAllTextAsync(Path.Combine(repo, "README.md"), "# bench\n");
        await GitAsync(repo, "add", "-A");
        await GitAsync(repo, "-c", "user.name=Bench", "-c", "user.email=bench@localhost", "commit", "-q", "-m", "initial");
        var home = new NightshiftHome(Path.Combine(root.FullName, "home"));
        home.EnsureExists();
        var engine = new BenchEngine(root, home, options);
        await Database.MigrateAsync(engine.Get<DbContextOptions<NightshiftDb>>(), CancellationToken.None);
        await engine.Get<ProjectRegistry>().RegisterAsync(repo, CancellationToken.None);
        return engine;
    }

    /// <summary>Enqueues a task whose agent is the no-op command `true`.</summary>
    public Task<TaskRecord> AddAsync(int n) =>
        Get<TaskIntake>().AddAsync(null, $"---\ncommand: \"true\"\n---\n# Bench task {n}\n\nNothing to do.\n", $"bench-{n}.md", CancellationToken.None);

    public void StartWorker()
    {
        _workerStop = new CancellationTokenSource();
        _worker = Task.Run(() => Get<Worker>().RunAsync(_workerStop.Token));
    }

    /// <summary>Waits until the task is in <paramref name="state"/>, woken by the engine's own change signal.</summary>
    public async Task WaitForAsync(TaskId id, TaskState state, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        var signal = Get<EventSignal>();
        while (true)
        {
            var changed = signal.WaitForTaskAsync(id, limit.Token);
            await using (var db = await Get<IDbContextFactory<NightshiftDb>>().CreateDbContextAsync(limit.Token))
            {
                var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id, limit.Token);
                if (task.State == state)
                {
                    return;
                }
                if (TaskLifecycle.IsTerminal(task.State))
                {
                    throw new InvalidOperationException($"Task {id} ended {task.State}: {task.StateReason}");
                }
            }
            await changed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_workerStop is not null)
        {
            await _workerStop.CancelAsync();
            await _worker!;
            _workerStop.Dispose();
        }
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    internal static async Task GitAsync(string dir, params string[] args)
    {
        using var git = Process.Start(new ProcessStartInfo("git", args) { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardError = true })!;
        var error = await git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
        }
    }
}
