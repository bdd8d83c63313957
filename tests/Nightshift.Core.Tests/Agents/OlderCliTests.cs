using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Agents.Cli;
using Nightshift.Core.Agents.Codex;
using Nightshift.Core.Agents.Gemini;
using Nightshift.Core.Agents.OpenCode;
using Nightshift.Core.Tests.Agents.ClaudeCode;
using Nightshift.Core.Tests.Agents.Codex;
using Nightshift.Core.Tests.Agents.Gemini;
using Nightshift.Core.Tests.Agents.OpenCode;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents;

/// <summary>
/// Each CLI runtime on the oldest version it supports (its <c>MinimumVersion</c>), installed apart
/// from the pinned one and named by a variable (.ci/run sets them): one short task each, a shell
/// command that writes a file and a final answer, so a flag or event an older CLI lacks shows here.
/// </summary>
public sealed class OlderCliTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ClaudeCode_OnItsOldestSupportedVersion_RunsAShortTask()
    {
        var claude = await OlderAsync("NIGHTSHIFT_TEST_CLAUDE_OLDER", ClaudeCodeAgent.MinimumVersion);
        await using var run = await ClaudeHarness.StartAsync(ShortTask("Bash", new { command = Command, description = "Write the file" }), claude);
        using var limit = Limit();

        var outcome = await run.RunAsync(Prompt, limit.Token);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe(Done);
        run.Read("older.txt").ShouldBe("older\n");
    }

    [Fact]
    public async Task Codex_OnItsOldestSupportedVersion_RunsAShortTask()
    {
        var codex = await OlderAsync("NIGHTSHIFT_TEST_CODEX_OLDER", CodexAgent.MinimumVersion);
        await using var run = await CodexHarness.StartAsync(ShortTask("exec_command", new { cmd = Command }), codex);
        using var limit = Limit();

        var outcome = await run.RunAsync(Prompt, limit.Token);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe(Done);
        run.Read("older.txt").ShouldBe("older\n");
    }

    [Fact]
    public async Task Gemini_OnItsOldestSupportedVersion_RunsAShortTask()
    {
        var gemini = await OlderAsync("NIGHTSHIFT_TEST_GEMINI_OLDER", GeminiAgent.MinimumVersion);
        await using var run = await GeminiHarness.StartAsync(ShortTask("run_shell_command", new { command = Command, description = "Write the file" }), gemini);
        using var limit = Limit();

        var outcome = await run.RunAsync(Prompt, limit.Token);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe(Done);
        run.Read("older.txt").ShouldBe("older\n");
    }

    [Fact]
    public async Task OpenCode_OnItsOldestSupportedVersion_RunsAShortTask()
    {
        var opencode = await OlderAsync("NIGHTSHIFT_TEST_OPENCODE_OLDER", OpenCodeAgent.MinimumVersion);
        await using var run = await OpenCodeHarness.StartAsync(ShortTask("bash", new { command = Command, description = "Write the file" }), opencode);
        using var limit = Limit();

        var outcome = await run.RunAsync(Prompt, limit.Token);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe(Done);
        run.Read("older.txt").ShouldBe("older\n");
    }

    private const string Prompt = "[older] Write older.txt with a shell command.";
    private const string Command = "echo older > older.txt && echo wrote-older";
    private const string Done = "Wrote older.txt.";

    private static Script ShortTask(string tool, object arguments) => Script.Create()
        .WhenToolResult("wrote-older").Say(Done)
        .WhenLastUser("[older]").CallTool(tool, arguments).Once()
        .Build();

    /// <summary>The older CLI the variable names; it must be the runtime's oldest supported version, which this test proves still works.</summary>
    private static async Task<string> OlderAsync(string variable, string minimum)
    {
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } path || !File.Exists(path))
        {
            Requirements.Missing($"{variable} names no installed CLI: install version {minimum} into a folder of its own (npm install --prefix <folder> <package>@{minimum}) and set {variable} to its executable, as .ci/run does");
            return null!;
        }
        var facts = await CliProbe.ReadAsync(path, TestContext.Current.CancellationToken);
        facts.Version.ShouldBe(new Version(minimum), $"{variable} should name the runtime's oldest supported version");
        return path;
    }

    private static CancellationTokenSource Limit()
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);
        return limit;
    }
}
