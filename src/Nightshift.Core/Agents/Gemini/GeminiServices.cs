using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Processes;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Agents.Gemini;

/// <summary>Registers the Gemini CLI runtime; a missing <c>gemini</c> makes each run fail with how to install it, not the start.</summary>
public static class GeminiServices
{
    public static IServiceCollection AddGeminiAgent(this IServiceCollection services, NightshiftHome home, Func<string, string?>? environment = null)
    {
        // Options registered before this call (a host or a test pointing Gemini CLI at a gateway) win over the PATH lookup.
        var options = services.LastOrDefault(d => d.ServiceType == typeof(GeminiOptions))?.ImplementationInstance as GeminiOptions
            ?? GeminiOptions.Find(Path.Combine(home.Path, "gemini"), environment ?? Environment.GetEnvironmentVariable);
        services.AddSingleton<IAgentRuntime>(sp => new GeminiAgent(options, sp.GetRequiredService<ProcessRunner>()));
        return services;
    }
}
