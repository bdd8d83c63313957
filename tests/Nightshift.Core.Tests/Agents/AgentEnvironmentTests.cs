using Nightshift.Core.Agents;
using Nightshift.Core.Agents.Aider;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Agents.Codex;
using Nightshift.Core.Agents.Command;
using Nightshift.Core.Agents.Gemini;
using Nightshift.Core.Agents.OpenCode;
using Nightshift.Core.Processes;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents;

/// <summary>
/// Every runtime gives its agent the same NIGHTSHIFT_ variables, built in one place
/// (<see cref="AgentRunRequest.Variables"/>): each runtime here starts a stand-in CLI that writes
/// down its environment and exits.
/// </summary>
public sealed class AgentEnvironmentTests
{
    private const string DumpVariable = "ENV_DUMP_FILE";

    private const string Script = """
        #!/bin/sh
        env > "$ENV_DUMP_FILE"
        """;

    public static TheoryData<string> Runtimes => new() { "command", "claude-code", "codex", "gemini", "opencode", "aider" };

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task TheAgentsProcess_SeesTheRunsNightshiftVariables_AndNoOthers(string runtime)
    {
        using var dir = new TempDirectory("agent-env");
        var cli = dir.Combine("stand-in");
        await File.WriteAllTextAsync(cli, Script.ReplaceLineEndings("\n") + "\n", TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cli, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var worktree = Directory.CreateDirectory(dir.Combine("worktree")).FullName;
        var dump = dir.Combine("env.txt");
        var request = new AgentRunRequest
        {
            TaskId = 7,
            RunId = 42,
            Attempt = 3,
            WorktreePath = worktree,
            Prompt = "dump the environment",
            SpecFilePath = dir.Combine("spec.md"),
            Command = cli,
            Feedback = NoFeedback.Instance,
            Environment = new Dictionary<string, string> { [DumpVariable] = dump },
        };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));

        await Runtime(runtime, cli, dir.Combine("state")).RunAsync(request, _ => ValueTask.CompletedTask, limit.Token);

        File.Exists(dump).ShouldBeTrue($"the {runtime} runtime did not start its CLI");
        var seen = (await File.ReadAllLinesAsync(dump, TestContext.Current.CancellationToken))
            .Where(l => l.StartsWith("NIGHTSHIFT_", StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var expected = request.Variables().Where(v => v.Key.StartsWith("NIGHTSHIFT_", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
        expected.Keys.ShouldBe(["NIGHTSHIFT_SPEC_FILE", "NIGHTSHIFT_TASK_ID", "NIGHTSHIFT_RUN_ID", "NIGHTSHIFT_ATTEMPT"], ignoreOrder: true);
        seen.ShouldBe(expected, ignoreOrder: true);
    }

    internal static IAgentRuntime Runtime(string name, string cli, string state) => name switch
    {
        CommandAgent.RuntimeName => new CommandAgent(new ProcessRunner(TimeProvider.System)),
        ClaudeCodeAgent.RuntimeName => new ClaudeCodeAgent(new ClaudeCodeOptions { ExecutablePath = cli, StateRoot = state, UserHome = TestUserHome.In(state) }, TimeProvider.System),
        CodexAgent.RuntimeName => new CodexAgent(new CodexOptions { ExecutablePath = cli, StateRoot = state, UserHome = TestUserHome.In(state) }, TimeProvider.System),
        GeminiAgent.RuntimeName => new GeminiAgent(new GeminiOptions { ExecutablePath = cli, StateRoot = state, UserHome = TestUserHome.In(state) }, new ProcessRunner(TimeProvider.System)),
        OpenCodeAgent.RuntimeName => new OpenCodeAgent(new OpenCodeOptions { ExecutablePath = cli, StateRoot = state, UserHome = TestUserHome.In(state) }, new ProcessRunner(TimeProvider.System)),
        AiderAgent.RuntimeName => new AiderAgent(new AiderOptions { ExecutablePath = cli, StateRoot = state, UserHome = TestUserHome.In(state) }, new ProcessRunner(TimeProvider.System)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such runtime"),
    };
}
