using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Client;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>The task list comes in pages without spec or plan text, and `nightshift ls` reads every page.</summary>
public sealed class TaskListPagingTests : IAsyncLifetime
{
    private const int Tasks = NightshiftClient.TaskPageSize + 5;
    private const string Marker = "spec-text-that-a-list-must-not-carry";

    private readonly TempDirectory _home = new("home");
    private GitRepo _repo = null!;
    private NightshiftServer _server = null!;

    [Fact]
    public async Task Ls_ReadsEveryPage_AndTheListCarriesNoSpecOrPlanText()
    {
        using var client = _server.CreateClient();
        for (var i = 0; i < Tasks; i++)
        {
            await client.AddTaskAsync(new AddTaskRequest(null, $"---\ncommand: x\n---\n# Task {i}\n\n{Marker} {new string('x', 4000)}\n", $"t{i}.md"), TestContext.Current.CancellationToken);
        }

        var (exit, stdout, stderr) = await InProcessCli.RunAsync(_home, "ls");

        exit.ShouldBe(0, stderr);
        var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Length.ShouldBe(Tasks);
        rows[^1].ShouldContain($"\tTask {Tasks - 1}\t");
        var first = await client.ListTaskPageAsync(null, 0, 3, TestContext.Current.CancellationToken);
        first.Select(t => t.Title).ShouldBe(["Task 0", "Task 1", "Task 2"]);
        var next = await client.ListTaskPageAsync(null, first[^1].Id, 3, TestContext.Current.CancellationToken);
        next.Select(t => t.Title).ShouldBe(["Task 3", "Task 4", "Task 5"]);
        using var http = new HttpClient { BaseAddress = _server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token.Value);
        var raw = await http.GetStringAsync(new Uri("api/tasks", UriKind.Relative), TestContext.Current.CancellationToken);
        raw.ShouldNotContain(Marker);
        (await client.GetTaskAsync("1", TestContext.Current.CancellationToken)).Body.ShouldContain(Marker);

        await _server.Services.GetRequiredService<TaskBoard>().MutateAsync(new TaskId(1), (t, _) => t.PlanText = "1. A long plan.", TestContext.Current.CancellationToken);
        (await client.ListTaskPageAsync(null, 0, 1, TestContext.Current.CancellationToken)).ShouldHaveSingleItem().PlanText.ShouldBeNull();
        (await client.GetTaskAsync("1", TestContext.Current.CancellationToken)).Task.PlanText.ShouldBe("1. A long plan.");
    }

    public async ValueTask InitializeAsync()
    {
        _repo = GitRepo.Create();
        _server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(_home.Path),
            Port = 0,
            RunWorker = false,
            Worker = new WorkerOptions { NodeId = "paging-tests" },
        });
        using var client = _server.CreateClient();
        await client.RegisterProjectAsync(_repo.Path);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _repo.Dispose();
        _home.Dispose();
    }
}
