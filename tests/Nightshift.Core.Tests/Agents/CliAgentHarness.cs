using Nightshift.Core.Agents;
using Nightshift.Core.Tests.Agents.ClaudeCode;
using Nightshift.ScriptedModel;
using Nightshift.Testing;

namespace Nightshift.Core.Tests.Agents;

/// <summary>
/// A CLI runtime (Gemini CLI, opencode, Aider) run against a scripted model server on loopback, in
/// a real git repository that stands for the worktree. Events are kept in order.
/// </summary>
internal sealed class CliAgentHarness : IAsyncDisposable
{
    private readonly List<AgentEvent> _events = [];
    private readonly Lock _lock = new();
    private readonly TempDirectory _state = new("cli-agent-state");

    private readonly string? _model;

    private CliAgentHarness(ScriptedModelServer server, GitRepo worktree, Func<ScriptedModelServer, string, IAgentRuntime> runtime, string? model)
    {
        _model = model;
        Server = server;
        Worktree = worktree;
        Agent = runtime(server, _state.Path);
    }

    public ScriptedModelServer Server { get; }

    public GitRepo Worktree { get; }

    public IAgentRuntime Agent { get; }

    /// <summary>The folder the runtime keeps its per-task state in.</summary>
    public string StatePath => _state.Path;

    public SteeringFeedback Feedback { get; } = new();

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

    /// <summary>Starts the model and makes the runtime with its state folder; every run asks for <paramref name="model"/>.</summary>
    public static async Task<CliAgentHarness> StartAsync(Script script, Func<ScriptedModelServer, string, IAgentRuntime> runtime, string? model = null)
    {
        var worktree = GitRepo.Create();
        var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Xunit.TestContext.Current.CancellationToken);
        return new CliAgentHarness(server, worktree, runtime, model);
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Worktree.Path, relative));

    public Task<AgentOutcome> RunAsync(string prompt, CancellationToken cancellationToken, string? resume = null, AgentBridgeEndpoint? bridge = null)
    {
        var request = new AgentRunRequest
        {
            TaskId = 7,
            RunId = 1,
            Attempt = 1,
            WorktreePath = Worktree.Path,
            Prompt = prompt,
            SpecFilePath = Path.Combine(_state.Path, "spec.md"),
            ResumeSessionId = resume,
            StopGracePeriod = TimeSpan.FromSeconds(2),
            Feedback = Feedback,
            Bridge = bridge,
            Model = _model,
        };
        return Agent.RunAsync(request, e =>
        {
            lock (_lock)
            {
                _events.Add(e);
            }
            return ValueTask.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>What went on, for a failing assertion's message.</summary>
    public string Story() =>
        string.Join("\n", Events.Select(e => $"{e.Kind}: {e.Text}"))
        + "\n--- requests:\n"
        + string.Join("\n", Server.Requests.Select(r => $"#{r.Number} {r.Model}: " + string.Join(" | ", r.Messages.Skip(1).Select(m => $"{m.Role}: {Cut(m.Text)}"))));

    private static string Cut(string text) => text.Length <= 200 ? text : "…" + text[^200..];

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Worktree.Dispose();
        _state.Dispose();
    }
}
