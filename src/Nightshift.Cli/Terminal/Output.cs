using System.CommandLine;
using Spectre.Console;

namespace Nightshift.Cli.Terminal;

/// <summary>
/// The console façade: tables and colours when a person is watching, plain tab-separated lines
/// when the output goes to a pipe or a file (or NO_COLOR is set). Everything written here is made
/// safe for a terminal on the way out (see <see cref="TerminalText"/>): a title or an agent's line
/// cannot drive the reader's terminal, and markup's holes are escaped by <see cref="MarkupText"/>.
/// </summary>
public sealed class Output
{
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly IAnsiConsole? _ansi;

    public Output(TextWriter stdout, TextWriter stderr, bool interactive)
        : this(stdout, stderr, interactive ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) }) : null)
    {
    }

    /// <summary>Writes through <paramref name="ansi"/> (colours, tables) when given; plain lines otherwise.</summary>
    public Output(TextWriter stdout, TextWriter stderr, IAnsiConsole? ansi)
    {
        _out = stdout;
        _err = stderr;
        _ansi = ansi;
    }

    /// <summary>
    /// Long output for a person: through the pager (see <see cref="Terminal.Pager"/>) when one is set
    /// and a person is watching; straight to this output otherwise, or when the pager cannot start.
    /// </summary>
    public async Task PagedAsync(Action<Output> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (IsInteractive && Terminal.Pager.Command(Environment.GetEnvironmentVariable) is { } pager
            && await Terminal.Pager.ShowAsync(pager, write, cancellationToken))
        {
            return;
        }
        write(this);
    }

    public static Output ForConsole() => new(
        Console.Out,
        Console.Error,
        interactive: !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    public bool IsInteractive => _ansi is not null;

    /// <summary>
    /// Where the command line's own help and version text go: written by System.CommandLine from
    /// Nightshift's fixed descriptions, never from data, so it needs no escaping.
    /// </summary>
    public InvocationConfiguration HelpConfiguration => new() { Output = _out, Error = _err };

    /// <summary>Text, as lines: newlines and tabs in it keep their meaning; other controls are shown escaped.</summary>
    public void Line(string text = "") => _out.WriteLine(TerminalText.Safe(text, keepLines: true));

    /// <summary>A line with Spectre markup when interactive (its holes escaped); the plain text otherwise.</summary>
    public void Markup(MarkupText markup, string plain)
    {
        if (_ansi is not null)
        {
            _ansi.MarkupLine(markup.ToString());
        }
        else
        {
            _out.WriteLine(TerminalText.Safe(plain, keepLines: true));
        }
    }

    public void Error(string text) => _err.WriteLine(TerminalText.Safe(text, keepLines: true));

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (_ansi is null)
        {
            // One row a line, cells between tabs: a newline or a tab inside a cell is escaped so it cannot break either.
            foreach (var row in rows)
            {
                _out.WriteLine(string.Join('\t', row.Select(cell => TerminalText.Safe(cell, keepLines: false))));
            }
            return;
        }
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var h in headers)
        {
            table.AddColumn(new TableColumn($"[bold]{Escape(h)}[/]"));
        }
        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(cell => Escape(cell))]);
        }
        _ansi.Write(table);
    }

    /// <summary>A table cell or other single-line markup from data: controls, newlines and markup escaped.</summary>
    public static string Escape(string text) => Spectre.Console.Markup.Escape(TerminalText.Safe(text, keepLines: false));

    public static string StateColour(string state) => state switch
    {
        "Merged" => "green",
        "InReview" or "Approved" => "cyan",
        "Running" or "Planning" or "Verifying" or "Merging" => "yellow",
        "NeedsInput" or "AwaitingPlanApproval" or "Conflict" => "magenta",
        "Failed" or "Blocked" => "red",
        _ => "grey",
    };
}
