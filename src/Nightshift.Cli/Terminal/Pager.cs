using System.Diagnostics;
using Spectre.Console;

namespace Nightshift.Cli.Terminal;

/// <summary>
/// Long output for a person (a review, a diff) goes through a pager, as git does: the command in
/// <c>NIGHTSHIFT_PAGER</c>, else <c>PAGER</c>, else <c>less -R -F -X</c> (which quits at once when
/// everything fits on the screen). Output to a pipe or a file, or a pager set to <c>cat</c> or to
/// nothing, is written straight through.
/// </summary>
public static class Pager
{
    public const string Variable = "NIGHTSHIFT_PAGER";
    private const string Default = "less -R -F -X";

    /// <summary>The pager's command line for this environment, or null to write straight through.</summary>
    public static string? Command(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var command = environment(Variable) ?? environment("PAGER") ?? Default;
        return string.IsNullOrWhiteSpace(command) || command.Trim() == "cat" ? null : command;
    }

    /// <summary>
    /// Renders <paramref name="write"/> with colours into the pager's input and waits for the pager
    /// to end. False when the pager could not be started; nothing was shown then, and the caller
    /// writes to the console instead.
    /// </summary>
    public static async Task<bool> ShowAsync(string command, Action<Output> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var rendered = new StringWriter();
        var colours = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Out = new AnsiConsoleOutput(rendered),
        });
        write(new Output(rendered, Console.Error, colours));
        var psi = new ProcessStartInfo("sh") { RedirectStandardInput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        Process? pager;
        try
        {
            pager = Process.Start(psi);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
        if (pager is null)
        {
            return false;
        }
        using (pager)
        {
            try
            {
                await pager.StandardInput.WriteAsync(rendered.ToString().AsMemory(), cancellationToken);
                pager.StandardInput.Close();
            }
            catch (IOException)
            {
                // The reader quit before reading everything (q in less): that is how paging ends.
            }
            await pager.WaitForExitAsync(cancellationToken);
        }
        return true;
    }
}
