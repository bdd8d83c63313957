using Nightshift.Core.Agents;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Agents.Cli;
using Nightshift.Core.Agents.Codex;
using Nightshift.Core.Agents.Gemini;
using Nightshift.Core.Agents.OpenCode;
using Nightshift.Core.Processes;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents;

/// <summary>How a runtime reads the installed CLI's version and options, and what it does with a CLI too old for it.</summary>
public sealed class CliVersionTests : IDisposable
{
    private readonly TempDirectory _dir = new("cli-version");

    [Theory]
    [InlineData("2.1.197 (Claude Code)", "2.1.197")]
    [InlineData("codex-cli 0.169.0", "0.169.0")]
    [InlineData("0.61.0", "0.61.0")]
    [InlineData("opencode 1.18.33\nsomething 9.9.9", "1.18.33")]
    public void ParseVersion_TakesTheFirstDottedVersion(string output, string expected) =>
        CliProbe.ParseVersion(output).ShouldBe(new Version(expected));

    [Fact]
    public void ParseVersion_WhenTheOutputHasNone_IsNull() =>
        CliProbe.ParseVersion("unknown build").ShouldBeNull();

    [Fact]
    public void ParseFlags_ListsTheLongOptionsOfAHelpText()
    {
        var flags = CliProbe.ParseFlags("  --permission-mode <mode>   Permission mode\n  -p, --print   Print\n  see a--b and --model\n");

        flags.ShouldBe(["--permission-mode", "--print", "--model"], ignoreOrder: true);
    }

    [Fact]
    public async Task Probe_ReadsTheVersionAndOptionsOfTheInstalledCli()
    {
        var cli = CliStandIn.Write(_dir.Path, "claude", "2.1.197 (Claude Code)", "  --print  Print\n  --permission-mode <mode>  Mode\n");

        var facts = await CliProbe.ReadAsync(cli, TestContext.Current.CancellationToken);

        facts.Version.ShouldBe(new Version(2, 1, 197));
        facts.Has("--permission-mode").ShouldBeTrue();
        facts.Has("--permission-prompts").ShouldBeFalse();
    }

    [Fact]
    public void ClaudeArguments_PassPermissionPromptsOnlyToACliThatHasIt()
    {
        var agent = new ClaudeCodeAgent(new ClaudeCodeOptions { StateRoot = _dir.Path, UserHome = TestUserHome.In(_dir.Path) }, TimeProvider.System);
        var request = Request(_dir.Path);
        var withIt = new CliFacts(new Version(2, 1, 328), new HashSet<string>(["--permission-prompts"], StringComparer.Ordinal));

        agent.Arguments(request, withIt).ShouldContain("--permission-prompts");
        agent.Arguments(request, new CliFacts(new Version(2, 1, 197), new HashSet<string>(StringComparer.Ordinal))).ShouldNotContain("--permission-prompts");
    }

    public static TheoryData<string> CliRuntimes => ["claude-code", "codex", "gemini", "opencode"];

    [Theory]
    [MemberData(nameof(CliRuntimes))]
    public async Task Run_OnACliOlderThanTheRuntimeSupports_FailsAtOnceWithWhatIsNeeded_AndNeverStartsIt(string name)
    {
        var (runtime, cli, minimum, install) = TooOld(name);

        var outcome = await runtime.RunAsync(Request(_dir.Path), _ => ValueTask.CompletedTask, TestContext.Current.CancellationToken);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Error.ShouldBe($"The {name} agent's CLI {cli} is too old: 0.0.1 found, {minimum} or newer needed: {install}");
        File.Exists(CliStandIn.RanMarker(cli)).ShouldBeFalse("the CLI itself must never be run");
    }

    [Theory]
    [MemberData(nameof(CliRuntimes))]
    public async Task Inventory_MarksACliOlderThanTheRuntimeSupports_AsTooOld(string name)
    {
        var (runtime, cli, minimum, install) = TooOld(name);
        var inventory = new AgentInventory(new AgentCatalog([runtime]));

        var status = (await inventory.ListAsync(TestContext.Current.CancellationToken)).Single(a => a.Name == name);

        status.Available.ShouldBeFalse();
        status.Executable.ShouldBe(cli);
        status.Version.ShouldBe("0.0.1");
        status.Note.ShouldBe($"too old: 0.0.1 found, {minimum} or newer needed: {install}");
    }

    private (IAgentRuntime Runtime, string Cli, string Minimum, string Install) TooOld(string name)
    {
        var state = Path.Combine(_dir.Path, "state");
        var folder = Path.Combine(_dir.Path, name);
        var processes = new ProcessRunner(TimeProvider.System);
        return name switch
        {
            "claude-code" => (new ClaudeCodeAgent(new ClaudeCodeOptions { ExecutablePath = Cli("claude"), StateRoot = state, UserHome = TestUserHome.In(state) }, TimeProvider.System), Cli("claude"), ClaudeCodeAgent.MinimumVersion, ClaudeCodeAgent.InstallHint),
            "codex" => (new CodexAgent(new CodexOptions { ExecutablePath = Cli("codex"), StateRoot = state, UserHome = TestUserHome.In(state) }, TimeProvider.System), Cli("codex"), CodexAgent.MinimumVersion, CodexAgent.InstallHint),
            "gemini" => (new GeminiAgent(new GeminiOptions { ExecutablePath = Cli("gemini"), StateRoot = state, UserHome = TestUserHome.In(state) }, processes), Cli("gemini"), GeminiAgent.MinimumVersion, GeminiAgent.InstallHint),
            "opencode" => (new OpenCodeAgent(new OpenCodeOptions { ExecutablePath = Cli("opencode"), StateRoot = state, UserHome = TestUserHome.In(state) }, processes), Cli("opencode"), OpenCodeAgent.MinimumVersion, OpenCodeAgent.InstallHint),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        string Cli(string executable) => File.Exists(Path.Combine(folder, executable)) ? Path.Combine(folder, executable) : CliStandIn.Write(folder, executable, $"{executable} 0.0.1");
    }

    private static AgentRunRequest Request(string worktree) => new()
    {
        TaskId = 3,
        RunId = 1,
        Attempt = 1,
        WorktreePath = worktree,
        Prompt = "Do the thing.",
        SpecFilePath = Path.Combine(worktree, "spec.md"),
        Feedback = NoFeedback.Instance,
    };

    public void Dispose() => _dir.Dispose();
}
