using Nightshift.Core.Processes;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Processes;

/// <summary>A containment finds every process of its run by the mark alone, and by its cgroup where there is one.</summary>
public sealed class ContainmentTests : IDisposable
{
    private readonly TempDirectory _home = new();

    [Fact]
    public async Task StopAll_WithoutACgroup_FindsDetachedProcessesByTheirMark_AndCountsThem()
    {
        RequireLinux();
        var token = ProcessesNamed.NewToken();
        try
        {
            using var contained = new Containments(_home.Path, "n", TimeProvider.System) { UseControlGroups = false }.ForRun(1);
            contained.HasControlGroup.ShouldBeFalse();
            await RunAsync(contained, $"setsid nohup sh -c 'sleep {token}' > /dev/null 2>&1 & (trap '' TERM; sleep {token}) > /dev/null 2>&1 & sleep 0.3");

            ProcessesNamed.With(token).ShouldNotBeEmpty();
            (await contained.StopAllAsync(TimeSpan.FromMilliseconds(500))).ShouldBeGreaterThanOrEqualTo(2);

            ProcessesNamed.With(token).ShouldBeEmpty("a process that ignores TERM is killed after the grace period");
        }
        finally
        {
            ProcessesNamed.KillAll(token);
        }
    }

    [Fact]
    public async Task StopAll_WithACgroup_StopsEvenAProcessThatDroppedItsMark()
    {
        RequireLinux();
        var token = ProcessesNamed.NewToken();
        try
        {
            using var contained = new Containments(_home.Path, "n", TimeProvider.System).ForRun(2);
            if (!contained.HasControlGroup)
            {
                Requirements.Missing("no writable cgroup v2 here (it needs root or a delegated subtree)");
            }
            await RunAsync(contained, $"env -i setsid sh -c 'sleep {token}' > /dev/null 2>&1 & sleep 0.3");

            (await contained.StopAllAsync(TimeSpan.FromMilliseconds(500))).ShouldBeGreaterThanOrEqualTo(1);

            ProcessesNamed.With(token).ShouldBeEmpty("the cgroup holds what an emptied environment no longer marks");
        }
        finally
        {
            ProcessesNamed.KillAll(token);
        }
    }

    [Fact]
    public async Task IsContained_IsTrueForAMarkedProcessAndItsUnmarkedChildren_AndFalseForThisOne()
    {
        RequireLinux();
        var token = ProcessesNamed.NewToken();
        try
        {
            using var contained = new Containments(_home.Path, "n", TimeProvider.System) { UseControlGroups = false }.ForRun(3);
            var psi = new System.Diagnostics.ProcessStartInfo("sh", ["-c", $"env -i sh -c 'sleep {token}'"]) { UseShellExecute = false };
            psi.Environment[ProcessMark.Variable] = contained.Mark;
            using var parent = System.Diagnostics.Process.Start(psi)!;
            var child = await WaitForChildWithoutAsync(token, parent.Id);

            ProcessMark.IsContained(parent.Id).ShouldBeTrue();
            ProcessMark.Of(child).ShouldBeNull("its environment was emptied");
            ProcessMark.IsContained(child).ShouldBeTrue("its parent is marked");
            ProcessMark.IsContained(Environment.ProcessId).ShouldBeFalse();
        }
        finally
        {
            ProcessesNamed.KillAll(token);
        }
    }

    public void Dispose() => _home.Dispose();

    private static async Task<int> WaitForChildWithoutAsync(string token, int parent)
    {
        for (var i = 0; i < 200; i++)
        {
            if (ProcessesNamed.With(token).FirstOrDefault(p => p != parent && ProcessMark.Of(p) is null) is > 0 and var pid)
            {
                return pid;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("the unmarked child did not start");
    }

    private static async Task RunAsync(Containment contained, string script)
    {
        var runner = new ProcessRunner(TimeProvider.System);
        var result = await runner.RunAsync(
            new ShellCommand(script, Path.GetTempPath()) { Environment = contained.Variables, Started = pid => { contained.Adopt(pid); return ValueTask.CompletedTask; } },
            (_, _) => ValueTask.CompletedTask,
            CancellationToken.None);
        result.ExitCode.ShouldBe(0);
    }

    private static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Requirements.Missing("processes are found through /proc: Linux only");
        }
    }
}
