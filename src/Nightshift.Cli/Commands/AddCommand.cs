using System.CommandLine;
using Nightshift.Client;
using Nightshift.Core.Specs;

namespace Nightshift.Cli.Commands;

internal static class AddCommand
{
    public static Command Create(CliContext ctx)
    {
        var spec = new Argument<string?>("spec") { Description = "A spec file (Markdown with YAML front matter)", Arity = ArgumentArity.ZeroOrOne };
        var message = new Option<string?>("--message", "-m") { Description = "The spec's text inline, instead of a file" };
        var project = new Option<string?>("--project", "-p") { Description = "The project's id or name (needed when several are registered)" };
        var command = new Command("add", "Add a task from a spec; it is queued and runs in the background") { spec, message, project };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            var file = parse.GetValue(spec);
            var inline = parse.GetValue(message);
            if ((file is null) == (inline is null))
            {
                throw new CliUsageException("Give a spec file (`nightshift add task.md`) or the text inline (`nightshift add -m \"...\"`), not both or neither.");
            }
            string text;
            string name;
            if (file is not null)
            {
                if (!File.Exists(file))
                {
                    throw new CliUsageException($"No spec file '{file}'.");
                }
                text = await File.ReadAllTextAsync(file, ct);
                name = file;
            }
            else
            {
                text = inline!;
                name = "(inline)";
            }
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
}
