using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Agents.Codex;

/// <summary>Registers the Codex runtime; a missing <c>codex</c> makes each run fail with how to install it, not the start.</summary>
public static class CodexServices
{
    public static IServiceCollection AddCodexAgent(this IServiceCollection services, NightshiftHome home, Func<string, string?>? environment = null)
    {
        // Options registered before this call (a host or a test pointing Codex at a gateway) win over the PATH lookup.
        var options = services.LastOrDefault(d => d.ServiceType == typeof(CodexOptions))?.ImplementationInstance as CodexOptions
            ?? CodexOptions.Find(Path.Combine(home.Path, "codex"), environment ?? Environment.GetEnvironmentVariable);
        services.AddSingleton<IAgentRuntime>(sp => new CodexAgent(options, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
