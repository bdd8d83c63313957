using Microsoft.EntityFrameworkCore;
using Nightshift.Cli.Shell;
using Nightshift.Cli.Terminal;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

public sealed class DemoTests
{
    [Fact]
    public async Task TheDemo_RunsFourBuiltInAgentsAtOnce_AnswersOne_SteersOne_AndMergesAll()
    {
        Requirements.Git();
        using var dir = new TempDirectory("demo");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var ctx = new CliContext(new Output(stdout, stderr, interactive: false), new NightshiftHome(dir.Combine("unused-home")));

        var exit = await NightshiftCommand.RunAsync(["demo", "--dir", dir.Path], ctx);

        exit.ShouldBe(ExitCodes.Ok, stderr.ToString() + stdout);
        var text = stdout.ToString();
        text.ShouldContain("SCRIPTED");
        text.ShouldContain("asks: Which port should the service listen on by default?");
        text.ShouldContain("NIGHTSHIFT_BUILTIN_MODEL");

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var db = new NightshiftDb(Database.SqliteOptions(Path.Combine(dir.Path, "home", "nightshift.db")));
        (await db.Tasks.Select(t => t.State).ToListAsync()).ShouldAllBe(s => s == TaskState.Merged);
        (await db.Tasks.CountAsync()).ShouldBe(4);
        // The four ran at once: each started before any of them reached review.
        var starts = await db.Runs.Select(r => r.StartedAt).ToListAsync();
        var firstReview = await db.Events.Where(e => e.Message.EndsWith("→ InReview") || e.Message.Contains("→ InReview:")).MinAsync(e => e.At);
        starts.ShouldAllBe(s => s < firstReview);

        var config = await Story(db, "config");
        config.ShouldContainInOrder(["question: Which port", "answer: you (answer): 8080", "state: NeedsInput → Running", "tool: write_file config.env", "state: Verifying → InReview", "state: Merging → Merged"]);
        var docs = await Story(db, "docs");
        docs.ShouldContainInOrder(["tool: write_file USAGE.md", "comment: Comment 1 (steer) delivered", "tool: edit_file USAGE.md", "state: Merging → Merged"]);
        var steer = await db.Comments.SingleAsync(c => c.Mode == Core.Comments.CommentMode.Steer);
        steer.DeliveredAt.ShouldNotBeNull();
        (await db.Runs.SingleAsync(r => r.Id == steer.DeliveredToRunId)).TaskId.ShouldBe((await db.Tasks.SingleAsync(t => t.Name == "docs")).Id);
        (await db.Runs.SumAsync(r => r.InputTokens)).ShouldBeGreaterThan(0);
    }

    private static async Task<List<string>> Story(NightshiftDb db, string task)
    {
        var id = (await db.Tasks.SingleAsync(t => t.Name == task)).Id;
        var events = await db.Events.Where(e => e.TaskId == id).OrderBy(e => e.Seq).ToListAsync();
        events.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, events.Count).Select(i => (long)i));
        return [.. events.Select(e => $"{e.Kind}: {e.Message}")];
    }
}

internal static class StoryAssertions
{
    /// <summary>Each expected prefix appears, in this order, among the lines.</summary>
    public static void ShouldContainInOrder(this List<string> lines, string[] prefixes)
    {
        var at = 0;
        foreach (var prefix in prefixes)
        {
            var found = lines.FindIndex(at, l => l.StartsWith(prefix, StringComparison.Ordinal));
            found.ShouldBeGreaterThanOrEqualTo(0, $"'{prefix}' not found after line {at} in:\n{string.Join('\n', lines)}");
            at = found + 1;
        }
    }
}
