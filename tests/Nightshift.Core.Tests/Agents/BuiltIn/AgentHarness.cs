using Nightshift.Core.Agents;
using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Core.Processes;
using Nightshift.ScriptedModel;
using Nightshift.Testing;

namespace Nightshift.Core.Tests.Agents.BuiltIn;

/// <summary>
/// A built-in agent talking over loopback HTTP to a scripted model server, in a temp folder that
/// stands for the worktree. Every emitted event is kept in order.
/// </summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    private readonly List<AgentEvent> _events = [];
    private readonly Lock _lock = new();

    private AgentHarness(ScriptedModelServer server, BuiltInAgentOptions options)
    {
        Server = server;
        Options = options;
    }

    public TempDirectory Worktree { get; } = new("worktree");

    public ScriptedModelServer Server { get; }

    public BuiltInAgentOptions Options { get; }

    public FakeFeedback Feedback { get; init; } = new();

    /// <summary>Called with every event as it is emitted, after it is recorded.</summary>
    public Action<AgentEvent>? OnEvent { get; set; }

    public IReadOnlyList<AgentEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.ToList();
            }
        }
    }

    public static async Task<AgentHarness> StartAsync(Script script, Func<BuiltInAgentOptions, BuiltInAgentOptions>? configure = null, FakeFeedback? feedback = null)
    {
        var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Xunit.TestContext.Current.CancellationToken);
        var options = new BuiltInAgentOptions { Model = "scripted", Endpoint = server.Endpoint };
        return new AgentHarness(server, configure?.Invoke(options) ?? options) { Feedback = feedback ?? new FakeFeedback() };
    }

    public string Write(string relative, string content)
    {
        var full = Worktree.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string Read(string relative) => File.ReadAllText(Worktree.Combine(relative));

    public Task<AgentOutcome> RunAsync(string prompt, CancellationToken cancellationToken)
    {
        var agent = new BuiltInAgent(Options, ChatClientFactory.Create(Options, _ => null), new ProcessRunner(TimeProvider.System));
        var request = new AgentRunRequest
        {
            TaskId = 1,
            RunId = 2,
            Attempt = 1,
            WorktreePath = Worktree.Path,
            Prompt = prompt,
            SpecFilePath = Worktree.Combine("..", "spec.md"),
            StopGracePeriod = TimeSpan.FromSeconds(2),
            Feedback = Feedback,
        };
        return agent.RunAsync(request, Emit, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Worktree.Dispose();
    }

    private ValueTask Emit(AgentEvent e)
    {
        lock (_lock)
        {
            _events.Add(e);
        }
        OnEvent?.Invoke(e);
        return ValueTask.CompletedTask;
    }
}
