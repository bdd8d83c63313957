using Nightshift.Cli.Shell;
using Nightshift.Client;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>`nightshift ls` narrows by state, label, agent and project, with a server and without one.</summary>
public sealed class ListFilterTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new("home");
    private readonly GitRepo _repo = GitRepo.Create();
    private readonly GitRepo _other = GitRepo.Create();
    private NightshiftServer _server = null!;
    private string _otherName = null!;
    private bool _stopped;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EachFilter_KeepsItsTasks(bool serverRunning)
    {
        if (!serverRunning)
        {
            await StopServerAsync();
        }

        (await Titles("--label", "docs")).ShouldBe(["one", "two"]);
        (await Titles("--agent", "builtin")).ShouldBe(["two"]);
        (await Titles("--project", _otherName)).ShouldBe(["three"]);
        (await Titles("--project", _otherName, "--label", "docs")).ShouldBeEmpty();
        (await Titles("--state", "queued", "--agent", "command")).ShouldBe(["one", "three"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnUnknownState_IsAUsageError_ListingTheStates(bool serverRunning)
    {
        if (!serverRunning)
        {
            await StopServerAsync();
        }

        var (exit, stdout, stderr) = await InProcessCli.RunAsync(_home, "ls", "--state", "Nope");

        exit.ShouldBe(ExitCodes.Usage);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("'Nope' is not a task state; use one of Queued, Planning");
    }

    [Fact]
    public async Task AnUnknownProject_SaysSo()
    {
        var (exit, _, stderr) = await InProcessCli.RunAsync(_home, "ls", "--project", "no-such-project");

        exit.ShouldBe(ExitCodes.Failed);
        stderr.ShouldContain("No project 'no-such-project'");
    }

    public async ValueTask InitializeAsync()
    {
        _server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(_home.Path),
            Port = 0,
            RunWorker = false,
            Worker = new WorkerOptions { NodeId = "ls-filters" },
        });
        using var client = _server.CreateClient();
        var first = await client.RegisterProjectAsync(_repo.Path);
        _otherName = (await client.RegisterProjectAsync(_other.Path)).Name;
        await client.AddTaskAsync(new AddTaskRequest(first.Name, "---\ncommand: x\nlabels: [docs]\n---\n# one\n\nOne.\n", "one.md"));
        await client.AddTaskAsync(new AddTaskRequest(first.Name, "---\nagent: builtin\nlabels: [docs, ui]\n---\n# two\n\nTwo.\n", "two.md"));
        await client.AddTaskAsync(new AddTaskRequest(_otherName, "---\ncommand: x\n---\n# three\n\nThree.\n", "three.md"));
    }

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        _repo.Dispose();
        _other.Dispose();
        _home.Dispose();
    }

    private async Task StopServerAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private async Task<List<string>> Titles(params string[] filter)
    {
        var (exit, stdout, stderr) = await InProcessCli.RunAsync(_home, ["ls", .. filter]);
        exit.ShouldBe(0, stderr);
        return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(row => row.Split('\t')[4])];
    }
}
