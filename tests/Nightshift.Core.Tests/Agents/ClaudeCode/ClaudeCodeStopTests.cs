using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.ClaudeCode;

public sealed class ClaudeCodeStopTests
{
    [Fact]
    public async Task Cancel_WhileACommandRuns_StopsClaudeAndEverythingItStarted()
    {
        var script = Script.Create()
            .Always().CallTool("Bash", new { command = "tail -f /dev/null && echo never", description = "Follow nothing forever" }).Once()
            .Always().Say("The command ended, which it should not have.")
            .Build();
        await using var run = await ClaudeHarness.StartAsync(script);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = run.RunAsync("Wait for a long time.", stop.Token);
        var pids = await WorkingInAsync(run.Worktree.Path, minimum: 2, TimeSpan.FromSeconds(60));

        await stop.CancelAsync();
        var outcome = await running;

        pids.Count.ShouldBeGreaterThanOrEqualTo(2, "claude and the command it started should both have been running in the worktree\n" + run.Story());

        outcome.Cancelled.ShouldBeTrue();
        outcome.Succeeded.ShouldBeFalse();
        foreach (var pid in pids)
        {
            (await Nightshift.Testing.Processes.GoneAsync(pid)).ShouldBeTrue($"process {pid} outlived the stopped run");
        }
        ProcessesIn(run.Worktree.Path).ShouldBeEmpty();
    }

    /// <summary>Waits until at least <paramref name="minimum"/> live processes have the folder as their working directory.</summary>
    private static async Task<List<int>> WorkingInAsync(string folder, int minimum, TimeSpan limit)
    {
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(100);
        while (waited < limit)
        {
            var found = ProcessesIn(folder);
            if (found.Count >= minimum && found.Any(pid => CommandLine(pid).StartsWith("tail", StringComparison.Ordinal)))
            {
                return found;
            }
            await Task.Delay(step, TestContext.Current.CancellationToken);
            waited += step;
        }
        return ProcessesIn(folder);
    }

    private static List<int> ProcessesIn(string folder)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || !Nightshift.Testing.Processes.IsRunning(pid))
            {
                continue;
            }
            try
            {
                if (new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget == folder)
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to inspect.
            }
        }
        return found;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
