using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

public sealed class AgentRuntimesTests
{
    [Fact]
    public async Task Agents_ShowGeminiAndOpenCodeReady_WithTheirVersionsAndWhatTheyCannotDo()
    {
        Requirements.Executable("gemini", "npm install -g @google/gemini-cli@0.61.0");
        Requirements.Executable("opencode", "npm install -g opencode-ai@1.18.33");
        await using var h = await ServerHarness.StartAsync();

        var agents = await h.Client.ListAgentsAsync();

        var gemini = agents.Single(a => a.Name == "gemini");
        gemini.Available.ShouldBeTrue();
        gemini.Note.ShouldBe("ready");
        gemini.Version.ShouldNotBeNull().ShouldStartWith("0.61.0");
        gemini.Supports.ShouldBe(["resume", "plan mode", "usage"]);
        var opencode = agents.Single(a => a.Name == "opencode");
        opencode.Available.ShouldBeTrue();
        opencode.Version.ShouldNotBeNull().ShouldStartWith("1.18.33");
        opencode.Supports.ShouldBe(["resume", "plan mode", "usage"]);
        var aider = agents.Single(a => a.Name == "aider");
        if (Requirements.FindOnPath("aider") is null)
        {
            aider.Available.ShouldBeFalse();
            aider.Note.ShouldStartWith("not installed:");
        }
        aider.Supports.ShouldBe(["plan mode", "usage"]);
    }
}
