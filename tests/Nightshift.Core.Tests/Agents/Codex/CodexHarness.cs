using Nightshift.Core.Agents;
using Nightshift.Core.Agents.Codex;
using Nightshift.Core.Tests.Agents.ClaudeCode;
using Nightshift.ScriptedModel;
using Nightshift.Testing;

namespace Nightshift.Core.Tests.Agents.Codex;

/// <summary>
/// The real <c>codex</c> CLI run by <see cref="CodexAgent"/> against a scripted model server on
/// loopback (its Responses endpoint), in a real git repository that stands for the worktree.
/// Events are kept in order.
/// </summary>
internal sealed class CodexHarness : IAsyncDisposable
{
    public const string ApiKeyVariable = "NIGHTSHIFT_TEST_CODEX_KEY";

    private readonly List<AgentEvent> _events = [];
    private readonly Lock _lock = new();
    private readonly TempDirectory _state = new("codex-state");

    private CodexHarness(ScriptedModelServer server, GitRepo worktree, string executable)
    {
        Server = server;
        Worktree = worktree;
        Agent = new CodexAgent(Options(server, _state.Path) with { ExecutablePath = executable }, TimeProvider.System);
    }

    public ScriptedModelServer Server { get; }

    public GitRepo Worktree { get; }

    public CodexAgent Agent { get; }

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

    /// <summary>Codex pointed at the scripted server, with a dummy key under a variable of the test's own.</summary>
    public static CodexOptions Options(ScriptedModelServer server, string stateRoot) => new()
    {
        ExecutablePath = AgentClis.Codex,
        StateRoot = stateRoot,
        UserHome = TestUserHome.In(stateRoot),
        BaseUrl = server.Endpoint,
        ApiKeyVariable = ApiKeyVariable,
        Model = ScriptedModelServer.ModelName,
        Environment = new Dictionary<string, string> { [ApiKeyVariable] = "sk-scripted-dummy" },
    };

    /// <param name="script">What the scripted model answers.</param>
    /// <param name="executable">Another codex than the usual one (an older version); null for <see cref="AgentClis.Codex"/>.</param>
    public static async Task<CodexHarness> StartAsync(Script script, string? executable = null)
    {
        executable ??= AgentClis.Require(AgentClis.Codex, "codex", CodexAgent.InstallHint);
        var worktree = GitRepo.Create();
        var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Xunit.TestContext.Current.CancellationToken);
        return new CodexHarness(server, worktree, executable);
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
            Model = Model,
            StopGracePeriod = TimeSpan.FromSeconds(2),
            Feedback = Feedback,
            Bridge = bridge,
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
        + string.Join("\n", Server.Requests.Select(r => $"#{r.Number} {r.Model}: " + string.Join(" | ", r.Messages.Where(m => m.Role != "system").Select(m => $"{m.Role}: {Cut(m.Text)}"))));

    private static string Cut(string text) => text.Length <= 200 ? text : "…" + text[^200..];

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Worktree.Dispose();
        _state.Dispose();
    }
}
