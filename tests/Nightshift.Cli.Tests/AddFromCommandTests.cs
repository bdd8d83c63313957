using Nightshift.Cli.Shell;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>
/// `nightshift add --title … --command …`, the README's one-line way to add a task: the spec is
/// made for the user, checked like any other, and the task runs.
/// </summary>
public sealed class AddFromCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new("home");
    private GitRepo _repo = null!;
    private NightshiftServer _server = null!;

    [Fact]
    public async Task AddWithTitleAndCommand_AsTheReadmeShowsIt_QueuesATaskThatRunsTheCommand()
    {
        Requirements.Executable("make", "install make (apt-get install make)");

        var (exit, stdout, stderr) = await InProcessCli.RunAsync(_home, "add", "--title", "Format the code", "--command", "make fmt");

        exit.ShouldBe(ExitCodes.Ok, stderr);
        stdout.ShouldContain("Format the code");
        using var client = _server.CreateClient();
        var detail = await client.GetTaskAsync("1");
        detail.Task.Title.ShouldBe("Format the code");
        detail.Task.Agent.ShouldBe("command");
        detail.Command.ShouldBe("make fmt");
        await InProcessCli.WaitUntilAsync(async () => (await client.GetTaskAsync("1")).Task.State is "InReview" or "Failed");
        var done = await client.GetTaskAsync("1");
        done.Task.State.ShouldBe("InReview", done.Task.StateReason);
        _repo.Git("show", $"{done.Task.Branch}:formatted.txt").ShouldBe("formatted");
    }

    [Fact]
    public async Task AddWithACommandAlone_TakesTheCommandAsTheTitle_AndKeepsShellSyntaxAsWritten()
    {
        var (exit, _, stderr) = await InProcessCli.RunAsync(_home, "add", "--command", "make fmt && echo \"done: 100%\" # tidy");

        exit.ShouldBe(ExitCodes.Ok, stderr);
        using var client = _server.CreateClient();
        var detail = await client.GetTaskAsync("1");
        detail.Command.ShouldBe("make fmt && echo \"done: 100%\" # tidy");
        detail.Task.Title.ShouldBe("make fmt && echo \"done: 100%\" # tidy");
    }

    [Fact]
    public async Task AddWithATitleButNoCommand_IsAUsageError_AndStoresNothing()
    {
        var (exit, _, stderr) = await InProcessCli.RunAsync(_home, "add", "--title", "Format the code");

        exit.ShouldBe(ExitCodes.Usage);
        stderr.ShouldContain("--title goes with --command");
        using var client = _server.CreateClient();
        (await client.ListTasksAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddWithACommandAndASpecFile_IsAUsageError()
    {
        var (exit, _, stderr) = await InProcessCli.RunAsync(_home, "add", "task.md", "--command", "make fmt");

        exit.ShouldBe(ExitCodes.Usage);
        stderr.ShouldContain("one of them");
    }

    [Fact]
    public async Task AddWithAMultiLineTitle_IsRefusedByTheSpecRules_AndStoresNothing()
    {
        var (exit, _, stderr) = await InProcessCli.RunAsync(_home, "add", "--title", "two\nlines", "--command", "make fmt");

        exit.ShouldBe(ExitCodes.InvalidSpec, stderr);
        stderr.ShouldContain("(--command):2:");
        stderr.ShouldContain(": title: ");
        using var client = _server.CreateClient();
        (await client.ListTasksAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddWithAnInlineSpecWithRealNewlines_Works()
    {
        var (exit, _, stderr) = await InProcessCli.RunAsync(_home, "add", "-m", "---\ncommand: make fmt\n---\n# Format the code\n\nRun the formatter.\n");

        exit.ShouldBe(ExitCodes.Ok, stderr);
        using var client = _server.CreateClient();
        (await client.GetTaskAsync("1")).Task.Title.ShouldBe("Format the code");
    }

    public async ValueTask InitializeAsync()
    {
        _repo = GitRepo.Create();
        _repo.WriteFile("Makefile", "fmt:\n\tprintf formatted > formatted.txt\n");
        _repo.CommitAll("a Makefile with a fmt target");
        _server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(_home.Path),
            Port = 0,
            Worker = new WorkerOptions { NodeId = "add-command-tests", PollInterval = TimeSpan.FromMilliseconds(100) },
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
