using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Storage;

using Nightshift.Core.Tasks;
namespace Nightshift.Core.Tests.Dispatch;

/// <summary>A harness on a fake clock with one queued task, for the lease, reaper and fence tests.</summary>
internal sealed class LeaseFixture : IAsyncDisposable
{
    private LeaseFixture(EngineHarness engine, FakeTimeProvider clock, TaskRecord task)
    {
        Engine = engine;
        Clock = clock;
        Task = task;
    }

    public EngineHarness Engine { get; }

    public FakeTimeProvider Clock { get; }

    public TaskRecord Task { get; }

    public static async Task<LeaseFixture> StartAsync(string? home = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 22, 0, 0, TimeSpan.Zero));
        var engine = await EngineHarness.StartAsync(time: clock, home: home);
        var task = await engine.AddAsync("---\ncommand: \"true\"\n---\n# Leased\n\nRun.\n");
        return new LeaseFixture(engine, clock, task);
    }

    public TestNode Node(string name) => new(Engine, name);

    public async Task<RunRecord> RunAsync(RunId id)
    {
        await using var db = Engine.Db();
        return await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public async Task<TaskRecord> TaskAsync()
    {
        await using var db = Engine.Db();
        return await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == Task.Id);
    }

    public async Task<IReadOnlyList<EventRecord>> EventsAsync(string kind)
    {
        await using var db = Engine.Db();
        return await db.Events.AsNoTracking().Where(e => e.TaskId == Task.Id && e.Kind == kind).OrderBy(e => e.Seq).ToListAsync();
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
