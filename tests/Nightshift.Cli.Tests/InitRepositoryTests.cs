using Nightshift.Cli.Shell;
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

    [Fact]
    public async Task Init_InARepositoryWithSubmodules_RefusesIt_WithTheReason_AndNoStackTrace()
    {
        Requirements.Git();
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        var head = repo.Git("rev-parse", "HEAD").Trim();
        repo.Git("update-index", "--add", "--cacheinfo", $"160000,{head},vendor/lib");
        repo.Git("commit", "-q", "-m", "add a submodule");

        var (exit, _, err) = await InProcessCli.RunAsync(home, "init", "--path", repo.Path);

        exit.ShouldBe(ExitCodes.Failed);
        err.ShouldStartWith($"error: The repository {repo.Path} has submodules (vendor/lib at HEAD)");
        err.ShouldNotContain("   at ");
    }
}
