using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Agents;

namespace Nightshift.Core.Tests.Agents.Codex;

/// <summary>
/// A streamable-HTTP MCP server on loopback standing in for the agent bridge: it refuses any
/// request without the run's bearer token and records every progress report and every
/// Authorization header it saw.
/// </summary>
internal sealed class TestBridge : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<(string Message, int? Percent)> _reports = [];
    private readonly List<string> _authorizations = [];
    private WebApplication? _app;

    public AgentBridgeEndpoint Endpoint { get; private set; } = null!;

    public IReadOnlyList<(string Message, int? Percent)> Reports
    {
        get
        {
            lock (_lock)
            {
                return _reports.ToList();
            }
        }
    }

    public IReadOnlyList<string> Authorizations
    {
        get
        {
            lock (_lock)
            {
                return _authorizations.ToList();
            }
        }
    }

    public static async Task<TestBridge> StartAsync(string token)
    {
        var bridge = new TestBridge();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(bridge);
        builder.Services.AddMcpServer().WithHttpTransport().WithTools<BridgeTools>();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            lock (bridge._lock)
            {
                bridge._authorizations.Add(authorization);
            }
            if (authorization != $"Bearer {token}")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            await next(context);
        });
        app.MapMcp("/mcp");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        bridge._app = app;
        bridge.Endpoint = new AgentBridgeEndpoint(new Uri(address.TrimEnd('/') + "/mcp"), token);
        return bridge;
    }

    public void Record(string message, int? percent)
    {
        lock (_lock)
        {
            _reports.Add((message, percent));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
