using Nightshift.Client;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

public sealed class AutoMergePolicyTests
{
    [Fact]
    public async Task OnlyTasksThePolicyNames_MergeWithoutAHuman_AndThePolicyIsRecordedAsTheirReviewer()
    {
        await using var h = await ServerHarness.StartAsync();
        h.Repo.WriteFile(".nightshift/project.yml", "auto_merge_labels: [deps]\n");
        h.Repo.CommitAll("policy");
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        var bump = await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"echo 2.0 > dep.txt\"\nlabels: [deps]\n---\n# Bump a dependency\n\nBump.\n", "bump.md"));
        var feature = await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"echo hi > feature.txt\"\nlabels: [feature]\n---\n# A feature\n\nBuild it.\n", "feature.md"));

        var merged = await h.WaitForAsync(bump.Id, "Merged");
        await h.WaitForAsync(feature.Id, "InReview");
        await Task.Delay(500);

        h.Repo.Git("show", "main:dep.txt").ShouldBe("2.0");
        var review = (await h.Client.GetTaskAsync(bump.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Reviews.ShouldHaveSingleItem();
        review.Reviewer.ShouldBe("policy:auto_merge_labels");
        review.Message!.ShouldContain("label 'deps'");
        // The bump had no check to pass: the record says so rather than claim evidence.
        review.Message!.ShouldContain("no checks");
        review.Message!.ShouldNotContain("passed");
        merged.MergedCommit.ShouldNotBeNull();
        (await h.Client.GetTaskAsync(feature.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Task.State.ShouldBe("InReview");
    }

    [Fact]
    public async Task APolicyApproval_OfATaskWhoseChecksRan_RecordsThatTheyPassed()
    {
        await using var h = await ServerHarness.StartAsync();
        h.Repo.WriteFile(".nightshift/project.yml", "auto_merge_labels: [deps]\n");
        h.Repo.CommitAll("policy");
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        var bump = await h.Client.AddTaskAsync(new AddTaskRequest(null,
            "---\ncommand: \"echo 2.0 > dep.txt\"\nlabels: [deps]\nchecks:\n  - test -f dep.txt\n  - grep -q 2.0 dep.txt\n---\n# Bump a dependency\n\nBump.\n", "bump.md"));

        await h.WaitForAsync(bump.Id, "Merged");

        var review = (await h.Client.GetTaskAsync(bump.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Reviews.ShouldHaveSingleItem();
        review.Message!.ShouldContain("all 2 of its checks passed");
        review.Message!.ShouldNotContain("no checks");
    }
}
