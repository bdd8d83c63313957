using Nightshift.Core.Checks;
using Nightshift.Core.Merging;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Processes;

/// <summary>A check runs the repository's code: what it leaves running is stopped before its result counts, in a run and in the merge gate.</summary>
public sealed class CheckLeftoverTests
{
    [Fact]
    public async Task ACheckThatLeavesADetachedProcess_HasItStopped_WhenTheCheckEnds()
    {
        if (!OperatingSystem.IsLinux())
        {
            Requirements.Missing("processes are found through /proc: Linux only");
        }
        var token = ProcessesNamed.NewToken();
        try
        {
            await using var engine = await EngineHarness.StartAsync();

            var result = await engine.Get<CheckRunner>().RunAsync(
                $"setsid nohup sh -c 'sleep {token}' > /dev/null 2>&1 & (sleep {token}) > /dev/null 2>&1 & echo started", engine.Repo.Path, null, CancellationToken.None);

            result.Passed.ShouldBeTrue();
            ProcessesNamed.With(token).ShouldBeEmpty();
        }
        finally
        {
            ProcessesNamed.KillAll(token);
        }
    }

    [Fact]
    public async Task TheMergeGatesCheck_LeavesNothingRunning()
    {
        if (!OperatingSystem.IsLinux())
        {
            Requirements.Missing("processes are found through /proc: Linux only");
        }
        var token = ProcessesNamed.NewToken();
        try
        {
            await using var engine = await EngineHarness.StartAsync();
            var head = engine.Repo.Git("rev-parse", "HEAD");

            var (refusal, results) = await engine.Get<MergeGate>().RunAsync(
                engine.Repo.Path, head, [$"setsid nohup sh -c 'sleep {token}' > /dev/null 2>&1 &"], CancellationToken.None);

            refusal.ShouldBeNull();
            results.ShouldHaveSingleItem().Passed.ShouldBeTrue();
            ProcessesNamed.With(token).ShouldBeEmpty();
        }
        finally
        {
            ProcessesNamed.KillAll(token);
        }
    }
}
