using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>Registers the built-in agent as an <see cref="IAgentRuntime"/> when it is configured.</summary>
public static class BuiltInAgentServices
{
    /// <summary>
    /// Uses a <see cref="BuiltInAgentOptions"/> instance registered before this call (e.g. by the
    /// host, before <c>AddNightshiftEngine</c>), else the
    /// <c>NIGHTSHIFT_BUILTIN_*</c> environment variables; registers nothing when neither configures
    /// a model. Options that cannot work are refused here, at start, naming the option.
    /// </summary>
    public static IServiceCollection AddBuiltInAgent(this IServiceCollection services, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = services.LastOrDefault(d => d.ServiceType == typeof(BuiltInAgentOptions))?.ImplementationInstance as BuiltInAgentOptions
            ?? BuiltInAgentEnvironment.Read(environment);
        if (options is null)
        {
            return services;
        }
        if (options.Problems(environment) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException($"The built-in agent is misconfigured: {string.Join("; ", problems)}");
        }
        services.AddSingleton<IAgentRuntime>(sp =>
            new BuiltInAgent(options, ChatClientFactory.Create(options, environment), sp.GetRequiredService<ProcessRunner>()));
        return services;
    }
}
