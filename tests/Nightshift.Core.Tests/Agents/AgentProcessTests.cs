using System.Diagnostics;
using Nightshift.Core.Agents;
using Nightshift.Core.Agents.Cli;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents;

public sealed class AgentProcessTests
{
    [Fact]
    public async Task Start_ReportsTheProcessToTheRequest_BeforeReturningIt()
    {
        using var folder = new TempDirectory("agent");
        var reported = 0;
        using var process = await AgentProcess.StartAsync(SetsidSleep(folder.Path), Request(folder.Path, pid =>
        {
            reported = pid;
            return ValueTask.CompletedTask;
        }), TimeProvider.System);

        reported.ShouldBe(process.Id);
        await process.StopAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Start_WhenTheReportThrows_StopsTheProcessAndThrows()
    {
        using var folder = new TempDirectory("agent");
        var reported = 0;

        await Should.ThrowAsync<InvalidOperationException>(() => AgentProcess.StartAsync(SetsidSleep(folder.Path), Request(folder.Path, pid =>
        {
            reported = pid;
            throw new InvalidOperationException("the store is gone");
        }), TimeProvider.System));

        (await Nightshift.Testing.Processes.GoneAsync(reported)).ShouldBeTrue("nobody is left to stop an agent whose start could not be recorded");
    }

    private static ProcessStartInfo SetsidSleep(string folder) => new("setsid", ["sleep", "300"])
    {
        WorkingDirectory = folder,
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };

    private static AgentRunRequest Request(string folder, Func<int, ValueTask> started) => new()
    {
        TaskId = 1,
        RunId = 1,
        Attempt = 1,
        WorktreePath = folder,
        Prompt = "sleep",
        SpecFilePath = Path.Combine(folder, "spec.md"),
        Feedback = NoFeedback.Instance,
        StopGracePeriod = TimeSpan.FromSeconds(1),
        ProcessStarted = started,
    };
}
