using Nightshift.Core.Projects;
using Nightshift.Core.Tasks;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Projects;

public sealed class RepositoryCheckTests
{
    private const string Spec = "---\ncommand: \"true\"\n---\n# Task\n\nDo it.\n";

    [Fact]
    public async Task Register_ABareRepository_SaysItIsBare_AndToInitInAClone()
    {
        Requirements.Git();
        await using var engine = await EngineHarness.StartAsync();
        using var bare = new TempDirectory("bare");
        GitRepo.RunGit(bare.Path, "init", "--bare", "-q");

        var refused = await Should.ThrowAsync<ProjectException>(() => engine.Get<ProjectRegistry>().RegisterAsync(bare.Path, CancellationToken.None));

        refused.Message.ShouldContain($"'{bare.Path}' is a bare git repository");
        refused.Message.ShouldContain($"git clone {bare.Path}");
    }

    [Fact]
    public async Task Register_ARepositoryThatUsesGitLfs_IsRefused_NamingTheAttributesFile()
    {
        Requirements.Git();
        await using var engine = await EngineHarness.StartAsync();
        using var repo = GitRepo.Create();
        repo.WriteFile("assets/.gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n");
        repo.CommitAll("track binaries with LFS");

        var refused = await Should.ThrowAsync<ProjectException>(() => engine.Get<ProjectRegistry>().RegisterAsync(repo.Path, CancellationToken.None));

        refused.Message.ShouldContain($"The repository {repo.Path} uses Git LFS (assets/.gitattributes at HEAD sets filter=lfs)");
        refused.Message.ShouldContain("pointer files");
    }

    [Fact]
    public async Task Add_AfterTheBaseBranchGainedASubmodule_IsRefused_NamingIt_AndStoresNothing()
    {
        Requirements.Git();
        await using var engine = await EngineHarness.StartAsync();
        var head = engine.Repo.Git("rev-parse", "HEAD").Trim();
        engine.Repo.Git("update-index", "--add", "--cacheinfo", $"160000,{head},vendor/lib");
        engine.Repo.Git("commit", "-q", "-m", "add a submodule");

        var refused = await Should.ThrowAsync<ProjectException>(() => engine.AddAsync(Spec));

        refused.Message.ShouldContain($"The repository {engine.Repo.Path} has submodules (vendor/lib at refs/heads/main)");
        refused.Message.ShouldContain("would be lost");
        await using var db = engine.Db();
        db.Tasks.Count().ShouldBe(0);
    }

    [Fact]
    public async Task Add_InAnOrdinaryRepository_IsAccepted()
    {
        Requirements.Git();
        await using var engine = await EngineHarness.StartAsync();
        engine.Repo.WriteFile(".gitattributes", "*.txt text eol=lf\n");
        engine.Repo.CommitAll("attributes without LFS");

        (await engine.AddAsync(Spec)).State.ShouldBe(TaskState.Queued);
    }
}
