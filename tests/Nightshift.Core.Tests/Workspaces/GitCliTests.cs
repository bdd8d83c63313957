using Nightshift.Core.Git;
using Nightshift.Testing;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Workspaces;

public sealed class GitCliTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_ReturnsExitCodeAndOutput()
    {
        using var repo = GitRepo.Create();

        var result = await new GitCli().RunAsync(repo.Path, ["rev-parse", "--abbrev-ref", "HEAD"], Cancel);

        result.ExitCode.ShouldBe(0);
        result.StdOut.Trim().ShouldBe("main");
    }

    [Fact]
    public async Task Run_PassesStandardInput()
    {
        using var repo = GitRepo.Create();

        var result = await new GitCli().RunAsync(
            repo.Path, ["hash-object", "--stdin"], new GitRunOptions { StandardInput = "hello\n" }, Cancel);

        result.StdOut.Trim().ShouldBe("ce013625030ba8dba906f756967f9e9ca394464a");
    }

    [Fact]
    public async Task RunChecked_WhenGitFails_ThrowsWithCommandFolderAndStderr()
    {
        using var repo = GitRepo.Create();

        var ex = await Should.ThrowAsync<GitCommandException>(
            () => new GitCli().RunCheckedAsync(repo.Path, ["rev-parse", "--verify", "no-such-branch"], Cancel));

        ex.Message.ShouldContain("git rev-parse --verify no-such-branch");
        ex.Message.ShouldContain(repo.Path);
        ex.Message.ShouldContain("Needed a single revision");
        ex.Result.ExitCode.ShouldNotBe(0);
    }

    [Fact]
    public async Task Run_IgnoresUserAndSystemConfigAndInheritedGitVariables()
    {
        using var repo = GitRepo.Create();
        var home = Environment.GetEnvironmentVariable("HOME");

        var result = await new GitCli().RunAsync(repo.Path, ["config", "--show-origin", "--list"], Cancel);

        result.StdOut.ShouldNotContain("file:/etc/gitconfig");
        if (home is not null)
        {
            result.StdOut.ShouldNotContain($"file:{home}/.gitconfig");
        }
        result.StdOut.ShouldContain("command line:\tcore.hookspath=/dev/null");
        result.StdOut.ShouldContain("command line:\tuser.name=Nightshift");
    }

    [Fact]
    public async Task Run_WhenCancelled_Throws()
    {
        using var repo = GitRepo.Create();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => new GitCli().RunAsync(repo.Path, ["status"], cts.Token));
    }
}
