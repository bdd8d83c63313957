using Nightshift.Core.Git;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Workspaces;

public sealed class GitDriversTests
{
    [Fact]
    public void Overrides_NeutraliseEveryDriverFoundOnce()
    {
        var scan = "filter.evil.clean\nsh -c x\0filter.evil.smudge\nsh -c y\0diff.a.b.textconv\nz\0merge.x=y.driver\nw\0";

        var overrides = GitDrivers.Overrides(scan);

        overrides.ShouldBe(
        [
            new("filter.evil.clean", string.Empty),
            new("filter.evil.smudge", string.Empty),
            new("filter.evil.process", string.Empty),
            new("filter.evil.required", "false"),
            new("diff.a.b.textconv", string.Empty),
            new("diff.a.b.command", string.Empty),
            new("merge.x=y.driver", "false"),
        ]);
    }

    [Theory]
    [InlineData(false, "rev-parse", "HEAD")]
    [InlineData(false, "update-ref", "refs/heads/x", "a", "b")]
    [InlineData(false, "worktree", "list", "--porcelain")]
    [InlineData(true, "worktree", "add", "p")]
    [InlineData(true, "status")]
    [InlineData(true, "-C", "rev-parse", "merge-tree")]
    [InlineData(true, "some-future-command")]
    public void MayRun_ScansEverythingButKnownDriverFreeCommands(bool expected, params string[] arguments)
    {
        GitDrivers.MayRun(arguments).ShouldBe(expected);
    }
}
