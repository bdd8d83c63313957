using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Processes;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Agents.OpenCode;

/// <summary>Registers the opencode runtime; a missing <c>opencode</c> makes each run fail with how to install it, not the start.</summary>
public static class OpenCodeServices
{
    public static IServiceCollection AddOpenCodeAgent(this IServiceCollection services, NightshiftHome home, Func<string, string?>? environment = null)
    {
        // Options registered before this call (a host or a test pointing opencode at an endpoint) win over the environment.
        var options = services.LastOrDefault(d => d.ServiceType == typeof(OpenCodeOptions))?.ImplementationInstance as OpenCodeOptions
            ?? OpenCodeOptions.Find(Path.Combine(home.Path, "opencode"), environment ?? Environment.GetEnvironmentVariable);
        services.AddSingleton<IAgentRuntime>(sp => new OpenCodeAgent(options, sp.GetRequiredService<ProcessRunner>()));
        return services;
    }
}
