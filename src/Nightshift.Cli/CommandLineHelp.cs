using System.CommandLine;
using Nightshift.Cli.Shell;
using Nightshift.Cli.Terminal;
using Nightshift.Core.Specs;

namespace Nightshift.Cli;

/// <summary>
/// `nightshift help [command]` and the words for a command line that does not parse: an unknown
/// command is named alone, with the closest real one, instead of System.CommandLine's list of
/// every error it led to ("Required command was not provided" first).
/// </summary>
internal static class CommandLineHelp
{
    /// <summary>Prints the help of the command <paramref name="topic"/> names (`help plan approve`).</summary>
    public static async Task<int> ShowAsync(RootCommand root, IReadOnlyList<string> topic, Output output)
    {
        Command command = root;
        for (var i = 0; i < topic.Count; i++)
        {
            var name = topic[i];
            var next = Visible(command).FirstOrDefault(c => c.Name == name || c.Aliases.Contains(name));
            if (next is null)
            {
                output.Error($"error: {Unknown(command, name)}");
                output.Error($"See `{Path(command, "help")}`.");
                return ExitCodes.Usage;
            }
            command = next;
        }
        return await root.Parse([.. topic, "--help"]).InvokeAsync(output.HelpConfiguration);
    }

    /// <summary>Says what is wrong with a command line that did not parse, and where its help is.</summary>
    public static int Refuse(ParseResult parse, Output output)
    {
        var command = parse.CommandResult.Command;
        if (UnknownSubcommand(parse) is { } name)
        {
            output.Error($"error: {Unknown(command, name)}");
        }
        else if (parse.Tokens.Count == PathLength(parse) && OnlyGroups(command))
        {
            // `nightshift plan`-like commands that only group others: say which ones there are.
            output.Error($"error: `{Path(command)}` needs a command: {ClosestName.OneOf([.. Visible(command).Select(c => c.Name)])}.");
        }
        else
        {
            foreach (var error in parse.Errors)
            {
                output.Error($"error: {error.Message}");
            }
        }
        output.Error($"See `{Path(command, "help")}`.");
        return ExitCodes.Usage;
    }

    /// <summary>
    /// The word after the command path when the command expects a subcommand there and none is
    /// called that; null when the command line went wrong elsewhere.
    /// </summary>
    private static string? UnknownSubcommand(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (!OnlyGroups(command))
        {
            return null;
        }
        var next = parse.Tokens.Skip(PathLength(parse)).FirstOrDefault();
        return next is not null && !next.Value.StartsWith('-') && parse.UnmatchedTokens.Contains(next.Value) ? next.Value : null;
    }

    /// <summary>A command that does nothing itself: what follows it must name one of its subcommands.</summary>
    private static bool OnlyGroups(Command command) => command.Subcommands.Count > 0 && command.Action is null && command.Arguments.Count == 0;

    private static string Unknown(Command parent, string name)
    {
        var names = Visible(parent).SelectMany(c => c.Aliases.Prepend(c.Name)).ToList();
        var what = parent is RootCommand ? "command" : $"`{Path(parent)}` command";
        return $"unknown {what} '{name}'{ClosestName.Hint(name, names)}";
    }

    private static IEnumerable<Command> Visible(Command command) => command.Subcommands.Where(c => !c.Hidden);

    /// <summary>How many tokens name the command that was parsed (`plan approve` is two).</summary>
    private static int PathLength(ParseResult parse)
    {
        var length = 0;
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            length++;
        }
        return length;
    }

    /// <summary>`nightshift plan approve`, with <paramref name="verb"/> after `nightshift` when given (`nightshift help plan`).</summary>
    private static string Path(Command command, string? verb = null)
    {
        var names = new List<string>();
        for (var c = command; c is not RootCommand; c = c.Parents.OfType<Command>().First())
        {
            names.Insert(0, c.Name);
        }
        if (verb is not null)
        {
            names.Insert(0, verb);
        }
        return string.Join(' ', names.Prepend("nightshift"));
    }
}
