using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Processes;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Agents.Aider;

/// <summary>Registers the Aider runtime; a missing <c>aider</c> makes each run fail with how to install it, not the start.</summary>
public static class AiderServices
{
    public static IServiceCollection AddAiderAgent(this IServiceCollection services, NightshiftHome home, Func<string, string?>? environment = null)
    {
        // Options registered before this call (a host or a test with its own aider) win over the environment.
        var options = services.LastOrDefault(d => d.ServiceType == typeof(AiderOptions))?.ImplementationInstance as AiderOptions
            ?? AiderOptions.Find(Path.Combine(home.Path, "aider"), environment ?? Environment.GetEnvironmentVariable);
        services.AddSingleton<IAgentRuntime>(sp => new AiderAgent(options, sp.GetRequiredService<ProcessRunner>()));
        return services;
    }
}
