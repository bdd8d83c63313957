using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

public sealed class InitRepositoryTests
{
    [Fact]
    public async Task Init_InABareRepository_SaysItIsBare_AndWhatToDo()
    {
        Requirements.Git();
        using var home = new TempDirectory("home");
        using var bare = new TempDirectory("bare");
        GitRepo.RunGit(bare.Path, "init", "--bare", "-q");

        var (exit, _, err) = await InProcessCli.RunAsync(home, "init", "--path", bare.Path);

        exit.ShouldBe(ExitCodes.Usage);
        err.ShouldContain($"'{bare.Path}' is a bare git repository");
        err.ShouldContain("nightshift init");
        err.ShouldNotContain("not inside a git repository");
    }
}
