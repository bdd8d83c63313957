using Nightshift.Core.Git;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Workspaces;

public sealed class WorktreeListParserTests
{
    [Fact]
    public void Parse_ReadsMainLockedDetachedAndPrunableEntries()
    {
        var output =
            "worktree /r\0HEAD aaa\0branch refs/heads/main\0\0" +
            "worktree /w/with space\0HEAD bbb\0branch refs/heads/t1\0locked nightshift task in progress\0\0" +
            "worktree /w/d\0HEAD ccc\0detached\0prunable gitdir file points to non-existent location\0\0";

        var entries = WorktreeListParser.Parse(output);

        entries.Count.ShouldBe(3);
        entries[0].ShouldBe(new WorktreeEntry("/r", "aaa", "main", true, false, false, false, null, false));
        entries[1].ShouldBe(new WorktreeEntry("/w/with space", "bbb", "t1", false, false, false, true, "nightshift task in progress", false));
        entries[2].IsDetached.ShouldBeTrue();
        entries[2].IsPrunable.ShouldBeTrue();
        entries[2].Branch.ShouldBeNull();
    }

    [Fact]
    public void Parse_ReadsBareMainEntry()
    {
        var entries = WorktreeListParser.Parse("worktree /r.git\0bare\0\0");

        entries.ShouldHaveSingleItem().IsBare.ShouldBeTrue();
    }
}
