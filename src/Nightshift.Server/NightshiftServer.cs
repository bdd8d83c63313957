using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Client;
using Nightshift.Core.Bridge;
using Nightshift.Core.Engine;
using Nightshift.Core.Specs;
using Nightshift.Core.Storage;
using Nightshift.Server.Api;
using Nightshift.Server.Auth;
using Nightshift.Server.Dashboard;
using Nightshift.Server.Hosting;
using Nightshift.Server.Mcp;

namespace Nightshift.Server;

/// <summary>The host behind `nightshift up`: API, worker and store in one process.</summary>
public sealed class NightshiftServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServerOptions _options;
    private readonly NodeLock _nodeLock;
    private ServerInfo? _published;

    private NightshiftServer(WebApplication app, ServerOptions options, AccessToken token, NodeLock nodeLock)
    {
        _app = app;
        _options = options;
        _nodeLock = nodeLock;
        Token = token;
    }

    /// <summary>This node's name: the one asked for, or with a number after it when that was taken (see <see cref="ServerOptions.NumberNodeNameWhenTaken"/>).</summary>
    public string NodeId => _options.Worker.NodeId;

    public AccessToken Token { get; }

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public IServiceProvider Services => _app.Services;

    public static async Task<NightshiftServer> StartAsync(ServerOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        options.Home.EnsureExists();
        // Before anything opens the database: SQLite would open a read-only file read-only and
        // leave a read-only -shm behind that outlives the fix.
        StoreAccess.EnsureWritable(options.Home.DatabasePath);
        var walWarning = WriteAheadLog.MissingLogWarning(options.Home.DatabasePath);
        var token = AccessToken.LoadOrCreate(options.Home);
        var nodeLock = NodeLock.Acquire(options.Home, options.Worker.NodeId, options.NumberNodeNameWhenTaken);
        try
        {
            return await StartAsync(options with { Worker = options.Worker with { NodeId = nodeLock.Name } }, token, nodeLock, walWarning, logging, cancellationToken);
        }
        catch
        {
            nodeLock.Dispose();
            throw;
        }
    }

    private static async Task<NightshiftServer> StartAsync(
        ServerOptions options, AccessToken token, NodeLock nodeLock, string? walWarning, Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        // The dashboard's files: from the build's manifest when run from a build (it points into the
        // packages and sources), from wwwroot when published. Not only in Development: `up` is never that.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.UseUrls($"http://{options.BindAddress}:{options.Port}");
        builder.Logging.ClearProviders();
        if (logging is not null)
        {
            logging(builder.Logging);
        }
        // The dashboard serves from the static-asset manifest, not a wwwroot folder, and keeps its
        // cookie keys in the data folder (readable by its owner only); neither is worth a warning.
        builder.Logging.AddFilter("Microsoft.AspNetCore.StaticFiles", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        // A failed start is thrown to the caller, which reports it once; the host's Error-level log of
        // it would print it a second time. A background service's crash still shows: the host logs it
        // at Critical as it stops.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        // A body over the limit is refused before it is read (413, with the usual error envelope).
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = SpecLimits.MaxRequestBodyBytes);
        // A body or query value the API cannot bind is thrown, so the error envelope says what was wrong.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = NightshiftClient.Json.PropertyNamingPolicy;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.Worker.StopGracePeriod + TimeSpan.FromSeconds(20));
        if (options.BuiltInAgent is { } agent)
        {
            // Registered first: the engine's wiring takes these options over the environment's.
            builder.Services.AddSingleton(agent);
        }
        options.Services?.Invoke(builder.Services);
        builder.Services.AddNightshiftEngine(options.Home, options.Worker);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ApiReader>();
        builder.Services.AddHostedService<StoreCheckpointService>();
        builder.Services.AddNightshiftMcp();
        if (options.RunWorker)
        {
            builder.Services.AddHostedService<WorkerService>();
            builder.Services.AddHostedService<MergeService>();
        }
        builder.Services.AddSingleton(token);
        builder.Services.AddDashboard(options.Home);
        builder.Services.AddScoped<DashboardActions>();
        var app = builder.Build();
        app.UseHostAndOriginCheck(options.AllowedHosts);
        app.UseErrorResponses();
        app.UseAccessToken(token, app.Services.GetRequiredService<BridgeIssuer>());
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapProjectEndpoints();
        app.MapTaskEndpoints();
        app.MapReviewEndpoints();
        app.MapPlanEndpoints();
        app.MapOutputEndpoints();
        app.MapNodeEndpoints();
        app.MapNightshiftMcp();
        app.MapDashboardLinks();
        app.MapDashboard();

        if (walWarning is not null)
        {
            StoreStartupLog.MissingWriteAheadLog(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Nightshift.Storage"), walWarning);
        }
        await Database.MigrateAsync(app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.DbContextOptions<NightshiftDb>>(), cancellationToken);
        var server = new NightshiftServer(app, options, token, nodeLock);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            // Stopped before disposed: the background services that did start end as at a normal stop.
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            throw new AlreadyInUseException(PortInUse.Message(options));
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.EndsWith('/') ? address : address + "/");
        // From here on, runs get a bridge; the worker waits for this before its first claim.
        app.Services.GetRequiredService<BridgeIssuer>().Serve(server.Url);
        server._published = new ServerInfo(server.Url.ToString(), Environment.ProcessId, TimeProvider.System.GetUtcNow(), options.Worker.NodeId);
        await ServerInfoFile.PublishAsync(options.Home, server._published, cancellationToken);
        return server;
    }

    /// <summary>A URL that signs a browser in to the dashboard once.</summary>
    public Uri NewSignInLink() => new(Url, SignInLinks.PathPrefix.TrimStart('/') + _app.Services.GetRequiredService<SignInLinks>().Issue());

    public NightshiftClient CreateClient() => new(Url, Token.Value);

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async Task StopAsync()
    {
        await _app.StopAsync();
        // After the worker and the API stopped writing: the database file alone holds everything.
        await _app.Services.GetRequiredService<StoreCheckpoint>().CloseAsync(CancellationToken.None);
        if (_published is not null)
        {
            await ServerInfoFile.WithdrawAsync(_options.Home, _published, _nodeLock);
            _published = null;
        }
        _nodeLock.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
