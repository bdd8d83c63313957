using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.BuiltIn;

/// <summary>The file tools on their own: paths, listings, search and reading in pages.</summary>
public sealed class WorktreeToolsTests : IDisposable
{
    private readonly TempDirectory _worktree = new("worktree");
    private readonly WorktreePaths _paths;

    public WorktreeToolsTests()
    {
        _paths = new WorktreePaths(_worktree.Path);
        Write("src/App.cs", "class App\n{\n    // TODO: greet\n}\n");
        Write("src/Lib.cs", "class Lib { }\n");
        Write("README.md", "# app\nclass of its own\n");
        Write(".env", "KEY=1\n");
        Write(".git/HEAD", "ref: refs/heads/main\n");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("src/App.cs", "src/App.cs")]
    [InlineData("./src/../src/App.cs", "src/App.cs")]
    [InlineData("src", "src")]
    [InlineData(".", ".")]
    [InlineData("new/folder/file.txt", "new/folder/file.txt")]
    public void Resolve_KeepsPathsInsideTheWorktree(string path, string relative)
    {
        _paths.Relative(_paths.Resolve(path)).ShouldBe(relative);
    }

    [Theory]
    [InlineData("/etc/passwd", "absolute path")]
    [InlineData("..", "leads outside the worktree")]
    [InlineData("src/../../x", "leads outside the worktree")]
    [InlineData(".git/HEAD", ".git")]
    [InlineData(".GIT/config", ".git")]
    [InlineData("src/../.git", ".git")]
    public void Resolve_RefusesEscapesAndTheGitDirectory(string path, string problem)
    {
        Should.Throw<ToolException>(() => _paths.Resolve(path)).Message.ShouldContain(problem);
    }

    [Fact]
    public void Resolve_FollowsSymlinksThatStayInside_AndRefusesThoseThatLeave()
    {
        using var outside = new TempDirectory("outside");
        File.CreateSymbolicLink(_worktree.Combine("app-link.cs"), _worktree.Combine("src", "App.cs"));
        File.CreateSymbolicLink(_worktree.Combine("dangling"), outside.Combine("not-yet.txt"));
        Directory.CreateSymbolicLink(_worktree.Combine("git-link"), _worktree.Combine(".git"));

        _paths.Relative(_paths.Resolve("app-link.cs")).ShouldBe("src/App.cs");
        Should.Throw<ToolException>(() => _paths.Resolve("dangling")).Message.ShouldContain("symlink that leads outside");
        Should.Throw<ToolException>(() => _paths.Resolve("git-link/HEAD")).Message.ShouldContain("into .git");
    }

    [Fact]
    public void List_ShowsFoldersWithASlash_HidesGit_AndRecursesOnRequest()
    {
        var files = new FileTools(_paths);

        files.List(".", recursive: false).Split('\n').ShouldBe([".env", "README.md", "src/"]);
        files.List(".", recursive: true).Split('\n').ShouldBe([".env", "README.md", "src/", "src/App.cs", "src/Lib.cs"]);
        files.List("src", recursive: false).Split('\n').ShouldBe(["src/App.cs", "src/Lib.cs"]);
    }

    [Fact]
    public async Task Search_FindsRegexMatchesWithPathAndLine_FilteredByGlob()
    {
        var search = new SearchTool(_paths);

        (await search.SearchAsync(@"^class \w+", ".", null, Ct)).Split('\n')
            .ShouldBe(["README.md:2: class of its own", "src/App.cs:1: class App", "src/Lib.cs:1: class Lib { }"]);
        (await search.SearchAsync("class", "src", "*.cs", Ct)).Split('\n').Length.ShouldBe(2);
        (await search.SearchAsync("TODO", "src/App.cs", null, Ct)).ShouldBe("src/App.cs:3: // TODO: greet");
        (await search.SearchAsync("nowhere", ".", null, Ct)).ShouldBe("no matches");
        (await search.SearchAsync("refs", ".", null, Ct)).ShouldBe("no matches");
        (await Should.ThrowAsync<ToolException>(() => search.SearchAsync("(", ".", null, Ct))).Message.ShouldContain("not a valid regular expression");
    }

    [Fact]
    public async Task Read_PagesLongFiles_AndSaysHowToReadOn()
    {
        Write("long.txt", string.Join('\n', Enumerable.Range(1, 10).Select(i => $"line {i}")));
        var files = new FileTools(_paths);

        var page = await files.ReadAsync("long.txt", offset: 3, limit: 2, Ct);

        page.ShouldBe("line 3\nline 4\n[showing lines 3-4 of 10; read on with offset=5]");
        (await files.ReadAsync("long.txt", offset: 9, limit: null, Ct)).ShouldBe("line 9\nline 10");
    }

    [Fact]
    public async Task Write_CreatesFolders_AndRefusesToOverwriteAFolder()
    {
        var files = new FileTools(_paths);

        (await files.WriteAsync("docs/guide/intro.md", "hi", Ct)).ShouldBe("wrote docs/guide/intro.md (2 bytes)");
        File.ReadAllText(_worktree.Combine("docs", "guide", "intro.md")).ShouldBe("hi");
        (await Should.ThrowAsync<ToolException>(() => files.WriteAsync("src", "x", Ct))).Message.ShouldContain("is a folder");
    }

    public void Dispose() => _worktree.Dispose();

    private void Write(string relative, string content)
    {
        var full = _worktree.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }
}
