using Nightshift.Cli.Shell;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>`nightshift help`, `nightshift help add` and a mistyped command: each says only what it should.</summary>
public sealed class CommandLineHelpTests : IDisposable
{
    private readonly TempDirectory _home = new("home");

    [Fact]
    public async Task Help_PrintsTheCommandList_AndSucceeds()
    {
        var (exit, stdout, stderr) = await InProcessCli.RunAsync(_home, "help");

        exit.ShouldBe(ExitCodes.Ok, stderr);
        stderr.ShouldBeEmpty();
        stdout.ShouldContain("Usage:");
        stdout.ShouldContain("approve");
        stdout.ShouldContain("inbox");
    }

    [Fact]
    public async Task HelpWithACommand_PrintsThatCommandsHelp_AndSucceeds()
    {
        var (exit, stdout, stderr) = await InProcessCli.RunAsync(_home, "help", "add");

        exit.ShouldBe(ExitCodes.Ok, stderr);
        stderr.ShouldBeEmpty();
        stdout.ShouldContain(" add [<spec>] [options]");
        stdout.ShouldContain("--message");
    }

    [Fact]
    public async Task HelpWithASubcommand_PrintsItsHelp()
    {
        var (exit, stdout, stderr) = await InProcessCli.RunAsync(_home, "help", "plan", "revise");

        exit.ShouldBe(ExitCodes.Ok, stderr);
        stdout.ShouldContain("revise");
        stdout.ShouldContain("--message");
    }

    [Fact]
    public async Task AMistypedCommand_IsNamedAlone_WithTheClosestCommand()
    {
        var (exit, stdout, stderr) = await InProcessCli.RunAsync(_home, "lss");

        exit.ShouldBe(ExitCodes.Usage);
        stdout.ShouldBeEmpty();
        stderr.ShouldBe($"error: unknown command 'lss'; did you mean 'ls'?{Environment.NewLine}See `nightshift help`.{Environment.NewLine}");
    }

    [Fact]
    public async Task AnUnknownCommandNothingIsCloseTo_IsNamedWithoutAGuess()
    {
        var (exit, _, stderr) = await InProcessCli.RunAsync(_home, "frobnicate", "1");

        exit.ShouldBe(ExitCodes.Usage);
        stderr.ShouldBe($"error: unknown command 'frobnicate'{Environment.NewLine}See `nightshift help`.{Environment.NewLine}");
    }

    [Fact]
    public async Task HelpForAnUnknownCommand_SaysSo_WithTheClosestCommand()
    {
        var (exit, stdout, stderr) = await InProcessCli.RunAsync(_home, "help", "aprove");

        exit.ShouldBe(ExitCodes.Usage);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("unknown command 'aprove'; did you mean 'approve'?");
        stderr.ShouldNotContain("Required command");
    }

    [Fact]
    public async Task TheRealProgram_AnswersHelpOnItsOwnOutput()
    {
        var (exit, stdout, stderr) = await NightshiftProcess.RunAsync(_home.Path, _home.Path, "help", "up");

        exit.ShouldBe(ExitCodes.Ok, stderr);
        stdout.ShouldContain("nightshift up [options]");
        stderr.ShouldBeEmpty();
    }

    public void Dispose() => _home.Dispose();
}
