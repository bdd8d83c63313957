using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

/// <summary>
/// A hostile command agent plants programs for git to run (fsmonitor, hooks, filter/diff/merge
/// drivers named in the shared config and in .gitattributes) from inside its worktree; the
/// engine then commits, diffs, merges and removes the task, and none of them ever runs.
/// </summary>
public sealed class AgentPayloadRunTests
{
    private static readonly string[] Hooks =
        ["pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "post-checkout", "post-merge", "reference-transaction", "post-index-change", "post-rewrite"];

    [Fact]
    public async Task WhatTheAgentPlants_NeverRuns_WhenTheEngineCommitsDiffsAndMergesTheTask()
    {
        using var markers = new TempDirectory("markers");
        await using var engine = await EngineHarness.StartAsync();
        engine.Repo.WriteFile("shared.txt", "1\n2\n3\n4\n5\n6\n7\n8\n9\n");
        engine.Repo.CommitAll("shared");
        var script = Path.Combine(engine.Home.Path, "plant.sh");
        await File.WriteAllTextAsync(script, PlantScript(markers.Path));
        var task = await engine.AddAsync($"---\ncommand: \"sh {script}\"\n---\n# Plant\n\nPlant a payload and do some work.\n");
        engine.StartWorker();

        var inReview = await engine.WaitForAsync(task.Id, TaskState.InReview);
        Fired(markers).ShouldBeEmpty("run and checkpoint");
        engine.Repo.Git("show", $"{inReview.Branch}:.gitattributes").ShouldBe("* filter=evil diff=evil merge=evil");
        engine.Repo.Git("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "commit", "-q", "--allow-empty", "-m", "main moves on");
        var mainFile = Path.Combine(engine.Repo.Path, "shared.txt");
        await File.WriteAllTextAsync(mainFile, "1\n2\n3\n4\n5\n6\n7\n8\nnine\n");
        engine.Repo.Git("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "commit", "-q", "-am", "main edits line 9");

        (await engine.Get<TaskDiff>().DiffAsync(inReview, CancellationToken.None)).ShouldContain("+two");
        Fired(markers).ShouldBeEmpty("diff");
        var merged = await engine.Get<ReviewDesk>().ApproveAsync(task.Id, "test", null, CancellationToken.None);
        merged.State.ShouldBe(TaskState.Merged, merged.StateReason);
        Fired(markers).ShouldBeEmpty("merge and worktree removal");
        engine.Repo.Git("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "show", "main:shared.txt")
            .ShouldBe("1\ntwo\n3\n4\n5\n6\n7\n8\nnine");

        // The control: plain git in the same repository runs what the agent planted.
        GitRepo.RunGit(engine.Repo.Path, "status");
        Fired(markers).ShouldNotBeEmpty();
    }

    private static List<string> Fired(TempDirectory markers) => [.. Directory.EnumerateFiles(markers.Path).Select(f => Path.GetFileName(f))];

    private static string PlantScript(string markers)
    {
        var hooks = string.Join(' ', Hooks);
        return $"""
            set -e
            hooks="$(git rev-parse --git-common-dir)/hooks"
            mkdir -p "$hooks"
            for h in {hooks}; do
              printf '#!/bin/sh\ntouch {markers}/hook-%s\n' "$h" > "$hooks/$h"
              chmod +x "$hooks/$h"
            done
            git config filter.evil.clean "sh -c 'touch {markers}/clean; cat'"
            git config filter.evil.smudge "sh -c 'touch {markers}/smudge; cat'"
            git config filter.evil.required true
            git config diff.evil.textconv "sh -c 'touch {markers}/textconv; cat \"\$0\"'"
            git config diff.external "touch {markers}/diff-external"
            git config merge.evil.driver "sh -c 'touch {markers}/merge-driver; exit 0'"
            git config core.pager "touch {markers}/pager"
            git config core.fsmonitor "touch {markers}/fsmonitor"
            printf '* filter=evil diff=evil merge=evil\n' > .gitattributes
            printf '1\ntwo\n3\n4\n5\n6\n7\n8\n9\n' > shared.txt
            echo work > work.txt
            """;
    }
}
