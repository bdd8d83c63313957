using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Agents.ClaudeCode;

/// <summary>Registers the Claude Code runtime; a missing <c>claude</c> makes each run fail with how to install it, not the start.</summary>
public static class ClaudeCodeServices
{
    public static IServiceCollection AddClaudeCodeAgent(this IServiceCollection services, NightshiftHome home, Func<string, string?>? environment = null)
    {
        // Options registered before this call (a host or a test pointing Claude Code at a gateway) win over the PATH lookup.
        var options = services.LastOrDefault(d => d.ServiceType == typeof(ClaudeCodeOptions))?.ImplementationInstance as ClaudeCodeOptions
            ?? ClaudeCodeOptions.Find(Path.Combine(home.Path, "claude-code"), environment ?? Environment.GetEnvironmentVariable);
        services.AddSingleton<IAgentRuntime>(sp => new ClaudeCodeAgent(options, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
