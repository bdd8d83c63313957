using System.Globalization;
using System.Net;
using Nightshift.Client;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

/// <summary>GET /api/tasks narrows by state, project, label and agent, as the board does, page by page.</summary>
public sealed class TaskListFilterTests : IAsyncLifetime
{
    private readonly GitRepo _other = GitRepo.Create();
    private ServerHarness _h = null!;
    private ProjectDto _first = null!;
    private ProjectDto _second = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Label_KeepsTheTasksThatCarryIt_InEveryProject()
    {
        (await Titles(new TaskListQuery(Label: "docs"))).ShouldBe(["one", "two", "four"]);
        (await Titles(new TaskListQuery(Label: "nobody-uses-this"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Agent_KeepsTheTasksForIt()
    {
        (await Titles(new TaskListQuery(Agent: "builtin"))).ShouldBe(["two", "five"]);
    }

    [Fact]
    public async Task Project_TakesANameOrAnId_AndCombinesWithTheOthers()
    {
        (await Titles(new TaskListQuery(Project: _second.Name))).ShouldBe(["four", "five", "six"]);
        (await Titles(new TaskListQuery(Project: _first.Id.ToString(CultureInfo.InvariantCulture), Label: "ui"))).ShouldBe(["two"]);
    }

    [Fact]
    public async Task State_TakesAnyCaseAndDashes()
    {
        (await Titles(new TaskListQuery(State: "queued"))).Count.ShouldBe(6);
        (await Titles(new TaskListQuery(State: "in-review"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task AFilteredList_ComesInFullPages_UntilTheMatchesRunOut()
    {
        var query = new TaskListQuery(Label: "docs");
        var first = await _h.Client.ListTaskPageAsync(query, 0, 2, Ct);
        first.Select(t => t.Title).ShouldBe(["one", "two"]);
        var next = await _h.Client.ListTaskPageAsync(query, first[^1].Id, 2, Ct);
        next.Select(t => t.Title).ShouldBe(["four"]);
    }

    [Theory]
    [InlineData("Nope")]
    [InlineData("99")]
    public async Task AnUnknownState_IsRefused_NamingTheStates(string state)
    {
        var ex = await Should.ThrowAsync<NightshiftApiException>(() => _h.Client.ListTaskPageAsync(new TaskListQuery(State: state), 0, 10, Ct));

        ex.Status.ShouldBe(HttpStatusCode.BadRequest);
        ex.Code.ShouldBe("invalid_request");
        ex.Message.ShouldContain($"'{state}' is not a task state");
        ex.Message.ShouldContain("Queued, Planning");
    }

    [Fact]
    public async Task AnUnknownProject_IsRefused()
    {
        var ex = await Should.ThrowAsync<NightshiftApiException>(() => _h.Client.ListTaskPageAsync(new TaskListQuery(Project: "no-such-project"), 0, 10, Ct));

        ex.Status.ShouldBe(HttpStatusCode.BadRequest);
        ex.Message.ShouldContain("No project 'no-such-project'");
    }

    public async ValueTask InitializeAsync()
    {
        _h = await ServerHarness.StartAsync(runWorker: false);
        _first = await _h.Client.RegisterProjectAsync(_h.Repo.Path, Ct);
        _second = await _h.Client.RegisterProjectAsync(_other.Path, Ct);
        await AddAsync(_first, "one", "command: x\nlabels: [docs]");
        await AddAsync(_first, "two", "agent: builtin\nlabels: [docs, ui]");
        await AddAsync(_first, "three", "command: x");
        await AddAsync(_second, "four", "command: x\nlabels: [docs]");
        await AddAsync(_second, "five", "agent: builtin");
        await AddAsync(_second, "six", "command: x\nlabels: [ui]");
    }

    public async ValueTask DisposeAsync()
    {
        await _h.DisposeAsync();
        _other.Dispose();
    }

    private Task<TaskDto> AddAsync(ProjectDto project, string title, string front) =>
        _h.Client.AddTaskAsync(new AddTaskRequest(project.Name, $"---\n{front}\n---\n# {title}\n\nDo {title}.\n", $"{title}.md"), Ct);

    private async Task<List<string>> Titles(TaskListQuery query) => [.. (await _h.Client.ListTasksAsync(query, Ct)).Select(t => t.Title)];
}
