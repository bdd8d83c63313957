using System.CommandLine;
using Nightshift.Cli.Commands;
using Nightshift.Cli.Shell;

namespace Nightshift.Cli;

/// <summary>The `nightshift` command and its subcommands.</summary>
public static class NightshiftCommand
{
    public static RootCommand Create(CliContext ctx)
    {
        var root = new RootCommand("Nightshift: run coding agents in the background, review their work when you are ready.")
        {
            InitCommand.Create(ctx),
            UpCommand.Create(ctx),
            DemoCommand.Create(ctx),
            AddCommand.Create(ctx),
            ListCommand.Create(ctx),
            ProjectsCommand.Create(ctx),
            ShowCommand.Create(ctx),
            PlanCommand.Create(ctx),
            LogsCommand.Create(ctx),
            DiffCommand.Create(ctx),
            CommentCommand.Create(ctx),
            FeedbackCommands.Steer(ctx),
            FeedbackCommands.Answer(ctx),
            WatchCommand.Create(ctx),
            InboxCommand.Create(ctx),
            ReviewCommand.Create(ctx),
            AgentsCommand.Create(ctx),
            DashboardCommand.Create(ctx),
            DecisionCommands.Approve(ctx),
            DecisionCommands.Reject(ctx),
            DecisionCommands.Cancel(ctx),
            DecisionCommands.Retry(ctx),
            DecisionCommands.Integrate(ctx),
            WaitCommand.Create(ctx),
            RunBridgeCommands.Report(ctx),
            RunBridgeCommands.Ask(ctx),
            RunBridgeCommands.Decide(ctx),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext ctx)
    {
        var root = Create(ctx);
        // `nightshift` alone and `nightshift help [command]` print help, as `--help` does.
        if (args is [] or ["help"])
        {
            return await root.Parse(["--help"]).InvokeAsync(ctx.Output.HelpConfiguration);
        }
        if (args is ["help", .. var topic])
        {
            return await CommandLineHelp.ShowAsync(root, topic, ctx.Output);
        }
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return CommandLineHelp.Refuse(parse, ctx.Output);
        }
        return await parse.InvokeAsync(ctx.Output.HelpConfiguration);
    }
}
