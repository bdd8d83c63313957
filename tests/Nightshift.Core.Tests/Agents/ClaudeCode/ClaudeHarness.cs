using Nightshift.Core.Agents;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.ScriptedModel;
using Nightshift.Testing;

namespace Nightshift.Core.Tests.Agents.ClaudeCode;

/// <summary>
/// The real <c>claude</c> CLI run by <see cref="ClaudeCodeAgent"/> against a scripted model server
/// on loopback, in a real git repository that stands for the worktree. Events are kept in order.
/// </summary>
internal sealed class ClaudeHarness : IAsyncDisposable
{
    private readonly List<AgentEvent> _events = [];
    private readonly Lock _lock = new();
    private readonly TempDirectory _state = new("claude-state");

    private ClaudeHarness(ScriptedModelServer server, GitRepo worktree, string executable)
    {
        Server = server;
        Worktree = worktree;
        Agent = new ClaudeCodeAgent(new ClaudeCodeOptions { ExecutablePath = executable, StateRoot = _state.Path, UserHome = TestUserHome.In(_state.Path) }, TimeProvider.System);
    }

    public ScriptedModelServer Server { get; }

    public GitRepo Worktree { get; }

    public ClaudeCodeAgent Agent { get; }

    public SteeringFeedback Feedback { get; } = new();

    /// <summary>The model runs ask for (a spec's <c>model:</c>); null for the runtime's own default.</summary>
    public string? Model { get; set; }

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

    /// <summary>Claude Code pointed at the scripted server's Messages endpoint, with a dummy key.</summary>
    public static ClaudeCodeOptions Options(ScriptedModelServer server, string stateRoot) => new()
    {
        ExecutablePath = AgentClis.Claude,
        StateRoot = stateRoot,
        UserHome = TestUserHome.In(stateRoot),
        Environment = new Dictionary<string, string>
        {
            ["ANTHROPIC_BASE_URL"] = server.AnthropicBaseUrl,
            ["ANTHROPIC_API_KEY"] = "sk-ant-scripted-dummy",
        },
    };

    /// <param name="script">What the scripted model answers.</param>
    /// <param name="executable">Another claude than the usual one (an older version); null for <see cref="AgentClis.Claude"/>.</param>
    public static async Task<ClaudeHarness> StartAsync(Script script, string? executable = null)
    {
        executable ??= AgentClis.Require(AgentClis.Claude, "claude", ClaudeCodeAgent.InstallHint);
        var worktree = GitRepo.Create();
        var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Xunit.TestContext.Current.CancellationToken);
        return new ClaudeHarness(server, worktree, executable);
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Worktree.Path, relative));

    /// <summary>Runs one session; <paramref name="login"/> replaces the dummy API key (a subscription's token, say).</summary>
    public Task<AgentOutcome> RunAsync(string prompt, CancellationToken cancellationToken, string? resume = null, IReadOnlyDictionary<string, string>? login = null)
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
            Model = Model,
            StopGracePeriod = TimeSpan.FromSeconds(2),
            Feedback = Feedback,
            Environment = new Dictionary<string, string>(login ?? new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "sk-ant-scripted-dummy" })
            {
                ["ANTHROPIC_BASE_URL"] = Server.AnthropicBaseUrl,
            },
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
