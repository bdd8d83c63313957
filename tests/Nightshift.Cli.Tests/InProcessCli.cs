using Nightshift.Cli.Shell;
using Nightshift.Cli.Terminal;
using Nightshift.Core.Storage;
using Nightshift.Testing;
using Shouldly;

namespace Nightshift.Cli.Tests;

/// <summary>The CLI run in this process against a data folder, with its output captured; for tests that talk to a server started there.</summary>
internal static class InProcessCli
{
    public static Task<(int Exit, string Out, string Err)> RunAsync(TempDirectory home, params string[] args) => RunAsync(home.Path, args);

    public static async Task<(int Exit, string Out, string Err)> RunAsync(string home, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await NightshiftCommand.RunAsync(args, new CliContext(new Output(stdout, stderr, interactive: false), new NightshiftHome(home)));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>As a person at a terminal sees it: tables and colours, rendered as escape sequences into the captured output.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunInteractiveAsync(TempDirectory home, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var colours = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.Yes,
            ColorSystem = Spectre.Console.ColorSystemSupport.Standard,
            Out = new Spectre.Console.AnsiConsoleOutput(stdout),
        });
        var exit = await NightshiftCommand.RunAsync(args, new CliContext(new Output(stdout, stderr, colours), new NightshiftHome(home.Path)));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Waits up to a minute for <paramref name="condition"/>, failing the test if it never holds.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (!await condition())
        {
            TimeProvider.System.GetUtcNow().ShouldBeLessThan(deadline, "the condition never held");
            await Task.Delay(100);
        }
    }
}
