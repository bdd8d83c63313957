using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

public sealed class ClaimProgressTests
{
    [Fact]
    public async Task A_new_run_starts_without_the_last_runs_progress_but_keeps_the_plan()
    {
        await using var f = await LeaseFixture.StartAsync();
        await using (var db = f.Engine.Db())
        {
            var task = await db.Tasks.FindAsync([f.Task.Id], TestContext.Current.CancellationToken);
            task!.ProgressPercent = 80;
            task.ProgressLine = "almost there (last run)";
            task.PlanJson = "[{\"step\":\"write it\",\"done\":true}]";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await f.Node("a").ClaimAsync();

        var claimed = await f.TaskAsync();
        claimed.ProgressPercent.ShouldBeNull();
        claimed.ProgressLine.ShouldBeNull();
        claimed.PlanJson.ShouldNotBeNull().ShouldContain("write it");
    }
}
