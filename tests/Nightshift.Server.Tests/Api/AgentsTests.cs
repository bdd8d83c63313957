using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

public sealed class AgentsTests
{
    [Fact]
    public async Task Agents_ListsEveryNameASpecCanUse_WithTheInstalledCliAndWhatToDoOtherwise()
    {
        Requirements.Executable("claude", "npm install -g @anthropic-ai/claude-code@2.1.328");
        Requirements.Executable("codex", "npm install -g @openai/codex@0.169.0");
        await using var h = await ServerHarness.StartAsync();

        var agents = await h.Client.ListAgentsAsync();

        agents.Select(a => a.Name).ShouldBe(["aider", "builtin", "claude-code", "codex", "command", "gemini", "opencode"], ignoreOrder: true);
        var command = agents.Single(a => a.Name == "command");
        command.Available.ShouldBeTrue();
        command.Note.ShouldBe("ready");
        var claude = agents.Single(a => a.Name == "claude-code");
        claude.Available.ShouldBeTrue();
        claude.Executable.ShouldNotBeNull().ShouldEndWith("/claude");
        claude.Version.ShouldNotBeNull().ShouldStartWith("2.1.328");
        claude.Supports.ShouldBe(["steer mid-turn", "resume", "plan mode", "usage"]);
        var codex = agents.Single(a => a.Name == "codex");
        codex.Available.ShouldBeTrue();
        codex.Executable.ShouldNotBeNull().ShouldEndWith("/codex");
        codex.Version.ShouldBe("0.169.0");
        codex.Supports.ShouldBe(["steer mid-turn", "resume", "plan mode", "usage"]);
        if (Environment.GetEnvironmentVariable("NIGHTSHIFT_BUILTIN_MODEL") is null)
        {
            agents.Single(a => a.Name == "builtin").Note.ShouldContain("NIGHTSHIFT_BUILTIN_MODEL");
        }
    }
}
