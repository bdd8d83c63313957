using System.CommandLine;
using Nightshift.Cli.Shell;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Specs;
using Nightshift.Server;
using Nightshift.Server.Hosting;

namespace Nightshift.Cli.Commands;

internal static class UpCommand
{
    public static Command Create(CliContext ctx)
    {
        var port = new Option<int>("--port") { Description = "The port to listen on (0 picks a free one)", DefaultValueFactory = _ => ServerOptions.DefaultPort };
        var bind = new Option<string>("--bind") { Description = "The address to listen on; anything but loopback exposes the API to your network", DefaultValueFactory = _ => "127.0.0.1" };
        var concurrency = new Option<int?>(UpConcurrency.Option, "-j") { Description = $"How many agents run at once (default: {UpConcurrency.DefaultRule}, or ${WorkerOptions.ConcurrencyVariable})" };
        var node = new Option<string?>("--node") { Description = "This node's name (default: the machine's name)" };
        // Hidden: for tests and operators who know why; the defaults (10s, five heartbeats) suit everyone else.
        var heartbeat = new Option<string?>("--heartbeat") { Description = "How often the node heartbeats and renews its leases (e.g. 10s)", Hidden = true };
        var lease = new Option<string?>("--lease") { Description = "How long a run's lease lasts after a heartbeat (e.g. 50s)", Hidden = true };
        var minFreeDisk = new Option<string?>("--min-free-disk")
        {
            Description = $"Claim no new work while less than this is free under the data folder (e.g. 500MiB, 2GiB; 0 turns it off; default 2GiB, or ${WorkerOptions.MinFreeDiskVariable})",
        };
        var ports = new Option<string?>("--ports")
        {
            Description = $"The ports this node hands its runs, a block each in NIGHTSHIFT_PORT_BASE (FIRST-LAST or FIRST-LAST/BLOCK; default 21000-26999/10, or ${PortBlocks.RangeVariable})",
        };
        var allowedHosts = new Option<string[]>("--allowed-host") { Description = "Another host name the server answers to (when bound to an address other than loopback); repeatable", AllowMultipleArgumentsPerToken = false };
        var command = new Command("up", "Start the server, the API, the dashboard and a worker in this process; Ctrl+C stops it") { port, bind, concurrency, node, heartbeat, lease, minFreeDisk, ports, allowedHosts };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            var jobs = UpConcurrency.Resolve(parse.GetValue(concurrency), Environment.GetEnvironmentVariable(WorkerOptions.ConcurrencyVariable), GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
            // Without --node a node is named after the machine, numbered (-2, -3…) when a live node on
            // this data folder has that name: two nodes under one name would reap each other's runs.
            var named = parse.GetValue(node);
            if (named is not null && NodeLock.NameProblem(named) is { } badName)
            {
                throw new CliUsageException($"--node: {badName}.");
            }
            var worker = new WorkerOptions { Concurrency = jobs.Value, NodeId = named ?? NodeLock.DefaultName() };
            if (parse.GetValue(heartbeat) is { } beat)
            {
                worker = worker with { HeartbeatInterval = Duration("--heartbeat", beat) };
            }
            if (parse.GetValue(lease) is { } leaseText)
            {
                worker = worker with { LeaseDuration = Duration("--lease", leaseText) };
            }
            if (MinFreeDisk(parse.GetValue(minFreeDisk)) is { } minimum)
            {
                worker = worker with { MinFreeDiskBytes = minimum };
            }
            if (Ports(parse.GetValue(ports)) is { } blocks)
            {
                worker = worker with { Ports = blocks };
            }
            try
            {
                worker.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new CliUsageException(ex.Message);
            }
            var options = new ServerOptions
            {
                Home = ctx.Home,
                Port = parse.GetValue(port),
                BindAddress = parse.GetValue(bind)!,
                Worker = worker,
                NumberNodeNameWhenTaken = named is null,
                AllowedHosts = parse.GetValue(allowedHosts) ?? [],
            };
            await using var server = await NightshiftServer.StartAsync(options, logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning), ct);
            ctx.Output.Line($"Nightshift is up at {server.Url} (data: {ctx.Home.Path}; token: {ctx.Home.TokenPath}).");
            ctx.Output.Line($"Dashboard: {server.NewSignInLink()}   (signs this browser in once; `nightshift dashboard` prints a new link)");
            if (ServerInfoFile.Read(ctx.Home) is { } cli && cli.Node != server.NodeId)
            {
                ctx.Output.Line($"Another node ({cli.Node}) already serves this data folder at {cli.Url}; the CLI keeps talking to it. This node works the same queue.");
            }
            ctx.Output.Line($"Worker {server.NodeId} runs {jobs.Banner}. Ctrl+C stops it; running tasks resume on the next start.");
            using (var client = server.CreateClient())
            {
                foreach (var broken in (await client.ListProjectsAsync(ct)).Where(p => p.Problem is not null))
                {
                    ctx.Output.Error($"warning: project '{broken.Name}' is broken; its tasks wait in the queue until it is fixed (the other projects run): {broken.Problem}");
                }
            }
            try
            {
                await server.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException)
            {
            }
            ctx.Output.Line("Stopping: runs in progress are checkpointed and queued for the next start.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The option, else the environment's setting, else none (the default stands).</summary>
    private static long? MinFreeDisk(string? option)
    {
        var (source, text) = option is not null ? ("--min-free-disk", option)
            : Environment.GetEnvironmentVariable(WorkerOptions.MinFreeDiskVariable) is { Length: > 0 } set ? (WorkerOptions.MinFreeDiskVariable, set)
            : (null, null);
        if (source is null)
        {
            return null;
        }
        return ByteCount.TryParse(text, out var bytes, out var reason) ? bytes : throw new CliUsageException($"{source}: {reason}.");
    }

    /// <summary>The option, else the environment's setting, else none (the default stands).</summary>
    private static PortBlocks? Ports(string? option)
    {
        var (source, text) = option is not null ? ("--ports", option)
            : Environment.GetEnvironmentVariable(PortBlocks.RangeVariable) is { Length: > 0 } set ? (PortBlocks.RangeVariable, set)
            : (null, null);
        if (source is null)
        {
            return null;
        }
        return PortBlocks.TryParse(text, out var blocks, out var reason) ? blocks : throw new CliUsageException($"{source}: {reason}.");
    }

    private static TimeSpan Duration(string option, string text) =>
        DurationParser.TryParse(text, out var value, out var reason) ? value : throw new CliUsageException($"{option}: {reason}.");
}
