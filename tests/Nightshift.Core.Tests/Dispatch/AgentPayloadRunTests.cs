using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

/// <summary>
/// A hostile command agent plants programs for git to run (fsmonitor, hooks, include.path,
/// filter/diff/merge drivers named in its git config and in .gitattributes) from inside its
/// checkout; the engine then commits, diffs, merges and removes the task, and none of them ever
/// runs. None reaches the repository's own git directory, and the review is told about them.
/// </summary>
public sealed class AgentPayloadRunTests
{
    private static readonly string[] Hooks =
        ["pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "post-checkout", "post-merge", "reference-transaction", "post-index-change", "post-rewrite"];

    [Fact]
    public async Task WhatTheAgentPlants_NeverRuns_WhenTheEngineCommitsDiffsAndMergesTheTask()
    {
        using var markers = new TempDirectory("markers");
        using var evidence = new TempDirectory("evidence");
        await using var engine = await EngineHarness.StartAsync();
        engine.Repo.WriteFile("shared.txt", "1\n2\n3\n4\n5\n6\n7\n8\n9\n");
        engine.Repo.CommitAll("shared");
        var repoConfig = await File.ReadAllTextAsync(Path.Combine(engine.Repo.Path, ".git", "config"));
        var script = Path.Combine(engine.Home.Path, "plant.sh");
        await File.WriteAllTextAsync(script, PlantScript(markers.Path, evidence.Path));
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

        // Nothing the agent planted reached the repository's git directory: the user's own git runs none of it.
        var gitDir = Path.Combine(engine.Repo.Path, ".git");
        (await File.ReadAllTextAsync(Path.Combine(gitDir, "config"))).ShouldBe(repoConfig);
        Hooks.ShouldAllBe(h => !File.Exists(Path.Combine(gitDir, "hooks", h)));
        GitRepo.RunGit(engine.Repo.Path, "status");
        Fired(markers).ShouldBeEmpty("the user's git status in the repository");

        // The review tells what the agent did, and the .gitattributes driver the repository lacks.
        var flags = (await engine.Get<TaskQueries>().EventsAsync(task.Id, 0, 1000, CancellationToken.None)).Where(e => e.Kind == EventKind.Flag).Select(e => e.Message).ToList();
        flags.ShouldContain(f => f.Contains("changed its own git directory") && f.Contains("core.fsmonitor") && f.Contains("include.path") && f.Contains("pre-commit"));
        flags.ShouldContain(f => f.Contains(".gitattributes names filter=evil"));

        // The control: what the agent wrote to its git config does run when git reads it.
        GitRepo.RunGit(engine.Repo.Path, "-c", $"include.path={Path.Combine(evidence.Path, "config")}", "status");
        Fired(markers).ShouldNotBeEmpty();
    }

    private static List<string> Fired(TempDirectory markers) => [.. Directory.EnumerateFiles(markers.Path).Select(f => Path.GetFileName(f))];

    private static string PlantScript(string markers, string evidence)
    {
        var hooks = string.Join(' ', Hooks);
        return $"""
            set -e
            hooks="$(git rev-parse --git-path hooks)"
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
            git config include.path "{evidence}/included"
            cp "$(git rev-parse --git-path config)" "{evidence}/config"
            printf '* filter=evil diff=evil merge=evil\n' > .gitattributes
            printf '1\ntwo\n3\n4\n5\n6\n7\n8\n9\n' > shared.txt
            echo work > work.txt
            """;
    }
}
