using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Tasks;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Processes;

/// <summary>When a run ends, by whatever path, nothing it started is left running: real agents leaving real processes behind.</summary>
public sealed class LeftoverProcessTests
{
    [Fact]
    public async Task ASucceedingRun_StopsTheTwentyBackgroundChildrenItLeft_BeforeTheTaskReachesReview()
    {
        RequireLinux();
        var token = ProcessesNamed.NewToken();
        try
        {
            await using var engine = await EngineHarness.StartAsync();
            var late = Path.Combine(engine.Home.Path, "late.txt");
            var task = await engine.AddAsync(
                $"---\ncommand: \"for i in $(seq 20); do (sleep 1; echo late >> {late}; sleep {token}) & done; echo done\"\n---\n# Leaves children\n\nWork.\n");
            engine.StartWorker();

            await engine.WaitForAsync(task.Id, TaskState.InReview);

            ProcessesNamed.With(token).ShouldBeEmpty("every background child of a run that succeeded is stopped before review");
            var before = File.Exists(late) ? await File.ReadAllTextAsync(late) : string.Empty;
            await Task.Delay(1500);
            (File.Exists(late) ? await File.ReadAllTextAsync(late) : string.Empty).ShouldBe(before, "nothing writes any more once the task is in review");
            await using var db = engine.Db();
            var stopped = await db.Events.Where(e => e.TaskId == task.Id && e.Kind == EventKind.LeftoversStopped).ToListAsync();
            stopped.ShouldHaveSingleItem().Message.ShouldStartWith("Stopped ");
            System.Text.Json.JsonDocument.Parse(stopped[0].Data!).RootElement.GetProperty("stopped").GetInt32().ShouldBeGreaterThanOrEqualTo(20);
        }
        finally
        {
            ProcessesNamed.KillAll(token);
        }
    }

    [Fact]
    public async Task ADetachedChild_InASessionOfItsOwn_IsStoppedWhenTheRunEnds()
    {
        RequireLinux();
        var token = ProcessesNamed.NewToken();
        try
        {
            await using var engine = await EngineHarness.StartAsync();
            var task = await engine.AddAsync(
                $"---\ncommand: \"setsid nohup sh -c 'sleep {token}' > /dev/null 2>&1 & sleep 0.3; echo done\"\n---\n# Detaches\n\nWork.\n");
            engine.StartWorker();

            await engine.WaitForAsync(task.Id, TaskState.InReview);

            ProcessesNamed.With(token).ShouldBeEmpty("a process that left the run's group and session is stopped too");
        }
        finally
        {
            ProcessesNamed.KillAll(token);
        }
    }

    [Fact]
    public async Task KillingTheLeader_ThenRetrying_LeavesNoOldProcessWritingIntoTheRetry()
    {
        RequireLinux();
        var token = ProcessesNamed.NewToken();
        try
        {
            await using var engine = await EngineHarness.StartAsync();
            var dir = engine.Home.Path;
            var script = Path.Combine(dir, "agent.sh");
            // Attempt 1 leaves a writer in its group and kills its own leader; attempt 2 fails when
            // anything still writes (an old process shares its worktree).
            await File.WriteAllTextAsync(script, $$"""
                if [ ! -e "{{dir}}/first" ]; then
                  touch "{{dir}}/first"
                  (while :; do echo x >> "{{dir}}/writes.txt"; sleep 0.05; done; sleep {{token}}) &
                  sleep 0.3
                  kill -9 $$
                fi
                a=$(wc -l < "{{dir}}/writes.txt"); sleep 0.5; b=$(wc -l < "{{dir}}/writes.txt")
                [ "$a" = "$b" ] || { echo "an old process still writes: $a then $b lines"; exit 1; }
                """);
            var task = await engine.AddAsync($"---\ncommand: \"sh {script}\"\nmax_retries: 1\n---\n# Dies\n\nWork.\n");
            engine.StartWorker();

            var done = await engine.WaitForAsync(task.Id, TaskState.InReview);

            done.Attempts.ShouldBe(2);
        }
        finally
        {
            ProcessesNamed.KillAll(token);
        }
    }

    private static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Requirements.Missing("processes are found through /proc: Linux only");
        }
    }
}
