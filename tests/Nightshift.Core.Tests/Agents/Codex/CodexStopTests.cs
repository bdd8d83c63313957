using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Codex;

public sealed class CodexStopTests
{
    [Fact]
    public async Task Cancel_WhileACommandRuns_StopsCodexAndEverythingItStarted()
    {
        var script = Script.Create()
            .Always().CallTool("exec_command", new { cmd = "tail -f /dev/null && echo never", yield_time_ms = 60000 }).Once()
            .Always().Say("The command ended, which it should not have.")
            .Build();
        await using var run = await CodexHarness.StartAsync(script);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = run.RunAsync("Wait for a long time.", stop.Token);
        var pids = await ProcessesIn.WaitForAsync(run.Worktree.Path, "tail -f", TimeSpan.FromSeconds(60), stop.Token);
        var everything = pids.Concat(Descendants(pids)).Distinct().ToList();

        await stop.CancelAsync();
        var outcome = await running;

        pids.Count.ShouldBeGreaterThanOrEqualTo(2, "codex and the command it started should both have been running in the worktree\n" + run.Story());
        outcome.Cancelled.ShouldBeTrue();
        outcome.Succeeded.ShouldBeFalse();
        foreach (var pid in everything)
        {
            (await Nightshift.Testing.Processes.GoneAsync(pid)).ShouldBeTrue($"process {pid} ({ProcessesIn.CommandLine(pid)}) outlived the stopped run");
        }
        ProcessesIn.Folder(run.Worktree.Path).ShouldBeEmpty();
    }

    private static IEnumerable<int> Descendants(IEnumerable<int> roots) => roots.SelectMany(Children);

    private static IEnumerable<int> Children(int pid)
    {
        var path = $"/proc/{pid}/task/{pid}/children";
        var text = File.Exists(path) ? SafeRead(path) : string.Empty;
        foreach (var child in text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
        {
            yield return child;
            foreach (var grandchild in Children(child))
            {
                yield return grandchild;
            }
        }
    }

    private static string SafeRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
