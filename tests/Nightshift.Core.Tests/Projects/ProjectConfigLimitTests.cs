using Nightshift.Core.Projects;
using Nightshift.Core.Specs;
using Nightshift.Core.Storage;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Projects;

/// <summary>A project file past a limit is an ordinary error naming the key and line, never a crash.</summary>
public sealed class ProjectConfigLimitTests
{
    [Fact]
    public void Parse_WithTwentyThousandNestedLists_IsAnErrorNamingTheKeyAndLine()
    {
        var yaml = "target_branch: main\nchecks: " + new string('[', 20_000) + new string(']', 20_000) + "\n";

        var result = ProjectConfigParser.Parse(yaml, "project.yml");

        result.IsValid.ShouldBeFalse();
        var error = result.Errors.ShouldHaveSingleItem();
        (error.Line, error.Field).ShouldBe((2, "checks"));
        error.Message.ShouldContain("levels deep");
    }

    [Fact]
    public async Task LoadConfig_WithAFileOverTheSizeLimit_IsRefusedWithoutReadingIt()
    {
        using var repo = GitRepo.Create();
        var file = Path.Combine(repo.Path, ProjectRegistry.ConfigRelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "# " + new string('x', SpecLimits.MaxProjectFileBytes), TestContext.Current.CancellationToken);
        var project = new ProjectRecord { Name = "big", RepoPath = repo.Path };

        var problem = await ProjectRegistry.ProblemAsync(project, TestContext.Current.CancellationToken);

        problem.ShouldNotBeNull();
        problem.ShouldContain("project.yml:1:1: project: is too large");
        problem.ShouldContain("SpecLimits.MaxProjectFileBytes");
    }
}
