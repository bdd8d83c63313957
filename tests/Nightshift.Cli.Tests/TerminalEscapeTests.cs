using Nightshift.Cli.Terminal;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>A title, an agent's output and a diff that carry terminal escapes reach the terminal escaped, in every command that prints them.</summary>
public sealed class TerminalEscapeTests
{
    /// <summary>Window title, clear screen, a colour, a carriage return and a right-to-left override.</summary>
    private const string Hostile = "\u001b]0;pwned\u0007\u001b[2J\u001b[38;5;196mred\r\u202eevil";

    [Fact]
    public async Task EscapesInATitleOutputAndDiff_AreShownEscaped_ByAddLsShowLogsWatchInboxAndReview()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        await using var server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(home.Path),
            Port = 0,
            Worker = new WorkerOptions { NodeId = "cli-escapes", PollInterval = TimeSpan.FromMilliseconds(100) },
        });
        using (var client = server.CreateClient())
        {
            await client.RegisterProjectAsync(repo.Path);
        }
        // The agent prints the sequences and writes them into a file, so they are in its output and in the diff.
        const string print = @"printf '\033]0;pwned\007\033[2J\033[38;5;196mred\r\342\200\256evil\n'";
        var spec = $"---\nagent: command\ncommand: |\n  {print} && {print} > hostile.txt\n---\n# Title {Hostile}\n\nBody {Hostile}\nsecond line\n";

        var add = await InProcessCli.RunAsync(home, "add", "-m", spec);
        add.Exit.ShouldBe(0, add.Err);
        ShouldBeSafe(add.Out, plain: true);
        await InProcessCli.WaitUntilAsync(async () => (await InProcessCli.RunAsync(home, "ls", "--state", "InReview")).Out.Length > 0);

        foreach (var args in new[] { ["ls"], ["show", "1"], ["logs", "1"], ["watch", "--once"], ["inbox"], new[] { "review", "1" } })
        {
            var plain = await InProcessCli.RunAsync(home, args);
            plain.Exit.ShouldBe(0, plain.Err);
            ShouldBeSafe(plain.Out, plain: true, string.Join(' ', args));
            if (args[0] != "review")
            {
                // Interactive review would prompt; its rendering is the pager's, checked below.
                var shown = await InProcessCli.RunInteractiveAsync(home, args);
                shown.Exit.ShouldBe(0, shown.Err);
                ShouldBeSafe(shown.Out, plain: false, string.Join(' ', args) + " (terminal)");
            }
        }
        var logs = (await InProcessCli.RunAsync(home, "logs", "1")).Out;
        logs.ShouldContain(@"log	\x1B]0;pwned\x07\x1B[2J\x1B[38;5;196mred", customMessage: "the agent's line is shown, escaped");
        var review = (await InProcessCli.RunAsync(home, "review", "1")).Out;
        review.ShouldContain(@"+\x1B]0;pwned", customMessage: "the diff's line is shown, escaped");
        review.ShouldContain("Body ", customMessage: "the body is shown");
        review.ShouldContain("\nsecond line", customMessage: "a newline in the body keeps its meaning");
        (await InProcessCli.RunAsync(home, "show", "1")).Out.ShouldContain(@"Title \x1B]0;pwned");
    }

    [Fact]
    public async Task ThePager_GetsOurColoursButTheDataEscaped()
    {
        using var folder = new TempDirectory("pager");
        var shown = Path.Combine(folder.Path, "shown.txt");

        var paged = await Pager.ShowAsync($"cat > '{shown}'", o =>
        {
            o.Markup($"[green]+{Hostile}[/]", Hostile);
            o.Line($"line\t{Hostile}\nnext");
        }, TestContext.Current.CancellationToken);

        paged.ShouldBeTrue();
        var text = await File.ReadAllTextAsync(shown, TestContext.Current.CancellationToken);
        text.ShouldContain("\u001b[32m", customMessage: "our colour is kept");
        ShouldBeSafe(text, plain: false);
        text.ShouldContain("line\t");
        text.ShouldContain("\nnext");
    }

    [Theory]
    [InlineData("a\u001b[2Jb", true, @"a\x1B[2Jb")]
    [InlineData("a\u009bb\u007f", true, @"a\x9Bb\x7F")]
    [InlineData("a\r\nb\tc", true, "a\\x0D\nb\tc")]
    [InlineData("a\r\nb\tc", false, @"a\x0D\x0Ab\x09c")]
    [InlineData("\u202eabc\u2066\u200f", true, @"\u202Eabc\u2066\u200F")]
    [InlineData("plain text, ünïcode ✓", false, "plain text, ünïcode ✓")]
    public void Safe_EscapesControlsAndBidi_AndKeepsLinesWhereAsked(string text, bool keepLines, string expected) =>
        TerminalText.Safe(text, keepLines).ShouldBe(expected);

    private static void ShouldBeSafe(string output, bool plain, string? what = null)
    {
        output.ShouldNotContain("\u001b]", customMessage: what);
        output.ShouldNotContain("\u001b[2J", customMessage: what);
        output.ShouldNotContain("\u001b[38;5;196m", customMessage: what);
        output.ShouldNotContain('\u0007', customMessage: what);
        output.ShouldNotContain('\r', customMessage: what);
        output.ShouldNotContain('\u202e', customMessage: what);
        if (plain)
        {
            output.ShouldNotContain('\u001b', customMessage: what);
        }
    }
}
