using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;

namespace Nightshift.Server.Hosting;

/// <summary>How `nightshift up` runs: where its data lives, where it listens, how its worker runs.</summary>
public sealed record ServerOptions
{
    public const int DefaultPort = 7433;

    public required NightshiftHome Home { get; init; }

    /// <summary>The address to bind; loopback unless the user asks otherwise.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>
    /// Host names the server answers to besides 127.0.0.1, localhost and [::1] (e.g. the machine's
    /// name when bound to another address). Any other Host header is refused.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>0 picks a free port; the chosen address is written to server.json.</summary>
    public int Port { get; init; } = DefaultPort;

    public WorkerOptions Worker { get; init; } = new();

    /// <summary>
    /// When a live node on this data folder has <see cref="WorkerOptions.NodeId"/>, run as the first
    /// free of name-2, name-3… instead of refusing to start (`up` without --node).
    /// </summary>
    public bool NumberNodeNameWhenTaken { get; init; }

    /// <summary>The built-in agent's model; null reads NIGHTSHIFT_BUILTIN_* from the environment (and leaves the agent out when unset).</summary>
    public BuiltInAgentOptions? BuiltInAgent { get; init; }

    /// <summary>Registrations made before the engine's, which they take precedence over (e.g. a runtime's options).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? Services { get; init; }

    /// <summary>How often the store's write-ahead log is copied into the database file (and at most what a deleted log can lose).</summary>
    public TimeSpan StoreCheckpointInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Run the worker in this process (the default for one machine).</summary>
    public bool RunWorker { get; init; } = true;
}
