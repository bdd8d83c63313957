using Nightshift.Cli;
using Nightshift.Cli.Shell;
using Nightshift.Cli.Terminal;
using Nightshift.Core.Storage;

return await NightshiftCommand.RunAsync(args, new CliContext(Output.ForConsole(), NightshiftHome.Resolve()));
