using Nightshift.Core.Specs;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Specs;

public sealed class KnownAgentsTests
{
    [Fact]
    public void All_HoldsTheSevenAgents()
    {
        KnownAgents.All.ShouldBe(["command", "builtin", "claude-code", "codex", "gemini", "opencode", "aider"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("claude-code", true)]
    [InlineData("command", true)]
    [InlineData("Claude-Code", false)]
    [InlineData("claude", false)]
    [InlineData("", false)]
    public void IsKnown_MatchesExactNamesOnly(string name, bool known)
    {
        KnownAgents.IsKnown(name).ShouldBe(known);
    }
}
