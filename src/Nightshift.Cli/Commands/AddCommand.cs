using System.CommandLine;
using Nightshift.Cli.Shell;
using Nightshift.Client;
using Nightshift.Core.Specs;

namespace Nightshift.Cli.Commands;

internal static class AddCommand
{
    public static Command Create(CliContext ctx)
    {
        var spec = new Argument<string?>("spec") { Description = "A spec file (Markdown with YAML front matter)", Arity = ArgumentArity.ZeroOrOne };
        var message = new Option<string?>("--message", "-m") { Description = "The spec's text inline, instead of a file (real newlines, not \\n)" };
        var run = new Option<string?>("--command") { Description = "Make the spec here: a task for the command agent that runs this command line" };
        var title = new Option<string?>("--title") { Description = "With --command: the task's title (default: the command)" };
        var project = new Option<string?>("--project", "-p") { Description = "The project's id or name (needed when several are registered)" };
        var command = new Command("add", "Add a task from a spec; it is queued and runs in the background") { spec, message, run, title, project };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            var (text, name) = await ReadSpecAsync(parse.GetValue(spec), parse.GetValue(message), parse.GetValue(run), parse.GetValue(title), ct);
            if (SpecLimits.SizeProblem(text, name) is { } tooLarge)
            {
                // Refused here, before sending megabytes the server would refuse anyway.
                ctx.Output.Error("error: the spec is too large; nothing was sent.");
                ctx.Output.Error($"  {tooLarge}");
                return ExitCodes.InvalidSpec;
            }
            using var client = ctx.Connect();
            var task = await client.AddTaskAsync(new AddTaskRequest(parse.GetValue(project), text, name), ct);
            ctx.Output.Markup(
                $"Added task [bold]{task.Id}[/]: {task.Title} [grey]({task.State}, branch {task.Branch ?? "-"})[/]",
                $"{task.Id}\t{task.State}\t{task.Title}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The spec's text and the name its errors are reported under, from exactly one of the three ways to give it.</summary>
    private static async Task<(string Text, string Name)> ReadSpecAsync(string? file, string? inline, string? run, string? title, CancellationToken ct)
    {
        if (title is not null && run is null)
        {
            throw new CliUsageException("--title goes with --command (`nightshift add --title \"Format the code\" --command \"make fmt\"`); for another agent, write a spec with the instruction in its body.");
        }
        if (new[] { file, inline, run }.Count(given => given is not null) != 1)
        {
            throw new CliUsageException("Give a spec file (`nightshift add task.md`), the spec's text (`nightshift add -m \"...\"`) or a command to run (`nightshift add --command \"make fmt\"`): one of them.");
        }
        if (run is not null)
        {
            return (CommandSpec.Write(run, title), "(--command)");
        }
        if (inline is not null)
        {
            return (inline, "(inline)");
        }
        if (!File.Exists(file))
        {
            throw new CliUsageException($"No spec file '{file}'.");
        }
        return (await File.ReadAllTextAsync(file, ct), file!);
    }
}
