using Nightshift.Core.Agents;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Agents.Codex;
using Nightshift.Core.Agents.Gemini;
using Nightshift.Core.Agents.OpenCode;
using Nightshift.Core.Specs;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents;

/// <summary>
/// Whose HOME each CLI runtime starts its CLI in: the user's own (the options' UserHome), so the
/// CLI finds the user's login, settings and instructions where it keeps them, or with
/// <c>agent_config: isolated</c> one in the task's state folder. A stand-in CLI writes down its environment.
/// </summary>
public sealed class AgentHomeTests
{
    private const string Script = """
        #!/bin/sh
        env > "$ENV_DUMP_FILE"
        """;

    public static TheoryData<string> Runtimes => new() { "claude-code", "codex", "gemini", "opencode", "aider" };

    /// <summary>Gemini CLI runs isolated for now (see GeminiAgent's remarks).</summary>
    public static TheoryData<string> UserRuntimes => new() { "claude-code", "codex", "opencode", "aider" };

    [Theory]
    [MemberData(nameof(UserRuntimes))]
    public async Task ARun_OnTheUsersConfiguration_HasTheUsersHome_AndNoConfigFolderOfItsOwn(string runtime)
    {
        using var dir = new TempDirectory("agent-home");
        var seen = await RunAsync(runtime, dir, AgentConfigMode.User);

        seen["HOME"].ShouldBe(TestUserHome.In(dir.Combine("state")));
        // The CLI's own default under HOME is the user's login: no variable moves it elsewhere.
        seen.ShouldNotContainKey(ClaudeCodeOptions.ConfigDirVariable);
        seen.ShouldNotContainKey(CodexOptions.CodexHomeVariable);
        seen.ShouldNotContainKey(GeminiOptions.GeminiHomeVariable);
        if (runtime == OpenCodeAgent.RuntimeName)
        {
            seen["XDG_DATA_HOME"].ShouldBe(Path.Combine(seen["HOME"], ".local", "share"));
            seen["XDG_CONFIG_HOME"].ShouldBe(Path.Combine(seen["HOME"], ".config"));
            // Sessions alone stay with the task.
            seen["OPENCODE_DB"].ShouldStartWith(dir.Combine("state"));
        }
    }

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task AnIsolatedRun_HasAHomeOfTheTasksOwn_AsBefore(string runtime)
    {
        using var dir = new TempDirectory("agent-home");
        var seen = await RunAsync(runtime, dir, AgentConfigMode.Isolated);

        var taskState = dir.Combine("state", "task-7");
        seen["HOME"].ShouldStartWith(taskState);
        var configFolder = runtime switch
        {
            ClaudeCodeAgent.RuntimeName => seen[ClaudeCodeOptions.ConfigDirVariable],
            CodexAgent.RuntimeName => seen[CodexOptions.CodexHomeVariable],
            GeminiAgent.RuntimeName => seen[GeminiOptions.GeminiHomeVariable],
            OpenCodeAgent.RuntimeName => seen["XDG_DATA_HOME"],
            _ => seen["HOME"],
        };
        configFolder.ShouldStartWith(taskState);
    }

    private static async Task<Dictionary<string, string>> RunAsync(string runtime, TempDirectory dir, AgentConfigMode mode)
    {
        var cli = dir.Combine("stand-in");
        await File.WriteAllTextAsync(cli, Script.ReplaceLineEndings("\n") + "\n", TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cli, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var dump = dir.Combine("env.txt");
        var request = new AgentRunRequest
        {
            TaskId = 7,
            RunId = 1,
            Attempt = 1,
            WorktreePath = Directory.CreateDirectory(dir.Combine("worktree")).FullName,
            Prompt = "dump the environment",
            SpecFilePath = dir.Combine("spec.md"),
            Feedback = NoFeedback.Instance,
            AgentConfig = mode,
            Environment = new Dictionary<string, string> { ["ENV_DUMP_FILE"] = dump },
        };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        await AgentEnvironmentTests.Runtime(runtime, cli, dir.Combine("state")).RunAsync(request, _ => ValueTask.CompletedTask, limit.Token);
        File.Exists(dump).ShouldBeTrue($"the {runtime} runtime did not start its CLI");
        return (await File.ReadAllLinesAsync(dump, TestContext.Current.CancellationToken))
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
    }
}
