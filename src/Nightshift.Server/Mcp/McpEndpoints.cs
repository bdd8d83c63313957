using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Nightshift.Core.Bridge;
using Nightshift.Server.Auth;

namespace Nightshift.Server.Mcp;

/// <summary>
/// Two MCP servers over Streamable HTTP: the control server at <c>/mcp</c> for the developer's own
/// agent, and each run's bridge at <c>/mcp/runs/{runId}</c> for the agent doing the run. Both are
/// stateless (each request stands alone), so a request's tools follow from the endpoint it hit and
/// the token it carried, which <see cref="TokenAuthentication"/> decided before it got here.
/// </summary>
public static class McpEndpoints
{
    private const string BridgeInstructions =
        "Nightshift's bridge for this run. Report progress at milestones (report_progress), keep your plan current (update_plan), "
        + "record the why of non-obvious choices (record_decision), read the developer's new comments (get_feedback), "
        + "and ask (ask_question) only when you cannot go on without a human decision.";

    private const string ControlInstructions =
        "Nightshift's control server: create tasks from Markdown specs, list and read tasks, comment on them and answer their questions. "
        + "Approving and merging are left to the developer.";

    public static IServiceCollection AddNightshiftMcp(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<BridgeTools>();
        services.AddSingleton<ControlTools>();
        services.AddMcpServer(o => o.ServerInfo = new Implementation { Name = "nightshift", Version = "1" })
            .WithHttpTransport(o =>
            {
                o.Stateless = true;
                o.ConfigureSessionOptions = (context, options, _) =>
                {
                    var tools = context.RequestServices.GetRequiredService<McpToolSets>();
                    var bridge = context.Items.ContainsKey(TokenAuthentication.RunBridgeKey);
                    options.ToolCollection = bridge ? tools.Bridge : tools.Control;
                    options.ServerInstructions = bridge ? BridgeInstructions : ControlInstructions;
                    return Task.CompletedTask;
                };
            });
        services.AddSingleton(sp => new McpToolSets(Collect(sp.GetRequiredService<BridgeTools>()), Collect(sp.GetRequiredService<ControlTools>())));
        return services;
    }

    public static IEndpointRouteBuilder MapNightshiftMcp(this IEndpointRouteBuilder routes)
    {
        routes.MapMcp("/mcp");
        routes.MapMcp($"/{BridgeIssuer.RunsPath}/{{runId:long}}");
        return routes;
    }

    private static McpServerPrimitiveCollection<McpServerTool> Collect<T>(T target)
        where T : class
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var method in typeof(T).GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (method.GetCustomAttribute<McpServerToolAttribute>() is not null)
            {
                tools.Add(McpServerTool.Create(method, target));
            }
        }
        return tools;
    }
}
