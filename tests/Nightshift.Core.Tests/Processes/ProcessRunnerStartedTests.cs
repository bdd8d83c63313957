using Nightshift.Core.Processes;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Processes;

public sealed class ProcessRunnerStartedTests
{
    [Fact]
    public async Task Run_ReportsTheCommandsProcess_WhichLeadsItsOwnGroup()
    {
        using var folder = new TempDirectory("runner");
        var reported = 0;
        var command = new ShellCommand("echo $$ $(cut -d' ' -f5 /proc/$$/stat)", folder.Path) { Started = pid => { reported = pid; return ValueTask.CompletedTask; } };
        var lines = new List<string>();

        var result = await new ProcessRunner(TimeProvider.System).RunAsync(command, (line, _) => { lines.Add(line); return ValueTask.CompletedTask; }, CancellationToken.None);

        result.ExitCode.ShouldBe(0);
        lines.ShouldHaveSingleItem().Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe([reported.ToString(System.Globalization.CultureInfo.InvariantCulture), reported.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }

    [Fact]
    public async Task Run_WhenTheReportThrows_StopsTheCommandAndThrows()
    {
        using var folder = new TempDirectory("runner");
        var reported = 0;
        var command = new ShellCommand("sleep 300", folder.Path)
        {
            GracePeriod = TimeSpan.FromSeconds(1),
            Started = pid =>
            {
                reported = pid;
                throw new InvalidOperationException("the store is gone");
            },
        };

        await Should.ThrowAsync<InvalidOperationException>(() => new ProcessRunner(TimeProvider.System).RunAsync(command, (_, _) => ValueTask.CompletedTask, CancellationToken.None));

        (await Nightshift.Testing.Processes.GoneAsync(reported)).ShouldBeTrue("nobody is left to wait for a command whose start could not be recorded");
    }
}
