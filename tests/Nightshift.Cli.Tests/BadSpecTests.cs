using Nightshift.Cli.Shell;
using Nightshift.Cli.Terminal;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>`nightshift add` with malformed specs: each refused with file, line and field, and nothing stored.</summary>
public sealed class BadSpecTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new("home");
    private GitRepo _repo = null!;
    private NightshiftServer _server = null!;

    public static TheoryData<string, string, int, string> Specs() => new()
    {
        { "unknown-field", "---\ncommand: x\npriorty: high\n---\n# T\n\nbody\n", 3, "priorty" },
        { "bad-priority", "---\ncommand: x\npriority: asap\n---\n# T\n\nbody\n", 3, "priority" },
        { "bad-duration", "---\ncommand: x\ntimeout: soon\n---\n# T\n\nbody\n", 3, "timeout" },
        { "retries-not-a-number", "---\ncommand: x\nmax_retries: many\n---\n# T\n\nbody\n", 3, "max_retries" },
        { "title-is-a-list", "---\ncommand: x\ntitle: [a, b]\n---\nbody\n", 3, "title" },
        { "empty-body", "---\ncommand: x\ntitle: Nothing\n---\n\n", 5, "body" },
        { "bad-branch", "---\ncommand: x\nbase: feature..x\n---\n# T\n\nbody\n", 3, "base" },
        { "bad-plan", "---\ncommand: x\nplan: maybe\n---\n# T\n\nbody\n", 3, "plan" },
        { "unknown-agent", "---\nagent: robot\n---\n# T\n\nbody\n", 2, "agent" },
        { "unterminated", "---\ncommand: x\n# T\n\nbody\n", 1, "front matter" },
        { "checks-mapping", "---\ncommand: x\nchecks:\n  run: make\n---\n# T\n\nbody\n", 4, "checks" },
        { "missing-dependency", "---\ncommand: x\ndepends_on: [nope]\n---\n# T\n\nbody\n", 3, "depends_on" },
        { "missing-base-branch", "---\ncommand: x\nbase: no-such-branch\n---\n# T\n\nbody\n", 3, "base" },
        { "command-agent-without-command", "---\nname: lazy\n---\n# T\n\nbody\n", 1, "command" },
        { "yaml-syntax", "---\ncommand: [unclosed\n---\n# T\n\nbody\n", 3, "front matter" },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task Add_WithAMalformedSpec_NamesFileLineAndField_AndStoresNothing(string name, string spec, int line, string field)
    {
        var file = Path.Combine(_home.Path, $"{name}.md");
        await File.WriteAllTextAsync(file, spec);

        var (exit, _, err) = await RunAsync("add", file);

        exit.ShouldBe(ExitCodes.InvalidSpec, err);
        err.ShouldContain($"{name}.md:{line}:", Case.Sensitive, err);
        err.ShouldContain($": {field}: ", Case.Sensitive, err);
        using var client = _server.CreateClient();
        (await client.ListTasksAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Add_WithNeitherFileNorMessage_IsAUsageError()
    {
        var (exit, _, err) = await RunAsync("add");

        exit.ShouldBe(ExitCodes.Usage);
        err.ShouldContain("nightshift add task.md");
    }

    [Fact]
    public async Task UnknownCommand_IsAUsageError()
    {
        var (exit, _, err) = await RunAsync("frobnicate");

        exit.ShouldBe(ExitCodes.Usage);
        err.ShouldContain("frobnicate");
    }

    public async ValueTask InitializeAsync()
    {
        _repo = GitRepo.Create();
        _server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(_home.Path),
            Port = 0,
            Worker = new WorkerOptions { NodeId = "bad-spec-tests", PollInterval = TimeSpan.FromMilliseconds(100) },
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

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var ctx = new CliContext(new Output(stdout, stderr, interactive: false), new NightshiftHome(_home.Path));
        var exit = await NightshiftCommand.RunAsync(args, ctx);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
