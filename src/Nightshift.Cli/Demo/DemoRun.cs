using System.Globalization;
using Nightshift.Cli.Shell;
using Nightshift.Cli.Terminal;
using Nightshift.Client;
using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.ScriptedModel;
using Nightshift.Server;
using Nightshift.Server.Hosting;

namespace Nightshift.Cli.Demo;

/// <summary>
/// `nightshift demo`: a sample repository, a server in this process, and four tasks run at once by
/// the built-in agent against a scripted model on loopback. One asks a question the demo answers,
/// one is steered mid-run; all reach review with their changes and are merged. Needs nothing but
/// the .NET SDK and git.
/// </summary>
internal sealed class DemoRun(Output output)
{
    private static readonly (string Name, string Title, string Marker, string Check)[] Tasks =
    [
        ("greet", "Add a greeter script", DemoScript.Greet, "sh greet.sh Demo | grep -q 'Hello, Demo!'"),
        ("config", "Add the service configuration", DemoScript.Config, "grep -q '^PORT=' config.env"),
        ("docs", "Write the usage notes", DemoScript.Docs, "test -s USAGE.md"),
        ("version", "Record the version", DemoScript.Version, "grep -q 0.1.0 VERSION"),
    ];

    public async Task<int> RunAsync(string? dir, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(dir ?? Path.Combine(Path.GetTempPath(), $"nightshift-demo-{Guid.NewGuid():N}"[..30]));
        var repo = Path.Combine(root, "greeter");
        var home = new NightshiftHome(Path.Combine(root, "home"));
        output.Markup(
            $"[bold]Nightshift demo[/] — the model here is [yellow]scripted[/]: a server on loopback that plays back fixed answers. No real model is called.",
            "Nightshift demo (the model is SCRIPTED: a loopback server playing back fixed answers; no real model is called)");
        await SampleRepository.CreateAsync(repo, cancellationToken);
        output.Line($"Sample repository: {repo}");

        await using var model = await ScriptedModelServer.StartAsync(DemoScript.Build(), cancellationToken: cancellationToken);
        var options = new ServerOptions
        {
            Home = home,
            Port = 0,
            Worker = new WorkerOptions { NodeId = "demo", Concurrency = 4, PollInterval = TimeSpan.FromMilliseconds(500), RetryBackoff = TimeSpan.FromSeconds(1) },
            BuiltInAgent = new BuiltInAgentOptions { Model = ScriptedModelServer.ModelName, Endpoint = model.Endpoint, ApiKey = "scripted", MaxSteps = 20 },
        };
        await using var server = await NightshiftServer.StartAsync(options, cancellationToken: cancellationToken);
        output.Line($"Server: {server.Url}   scripted model: {model.Endpoint}");
        using var client = server.CreateClient();
        await client.RegisterProjectAsync(repo, cancellationToken);
        // The agent CLIs on this machine are asked their version and sign-in while the tasks run (some take seconds to answer).
        var agents = client.ListAgentsAsync(cancellationToken);

        var ids = new Dictionary<string, long>();
        foreach (var (name, title, marker, check) in Tasks)
        {
            var spec = $"---\nname: {name}\nagent: builtin\nchecks: [\"{check.Replace("\"", "\\\"", StringComparison.Ordinal)}\"]\n---\n# {title}\n\n{marker} {title}.\n";
            ids[name] = (await client.AddTaskAsync(new AddTaskRequest(null, spec, $"{name}.md"), cancellationToken)).Id;
        }
        output.Line($"Added four tasks; they run at once: {string.Join(", ", Tasks.Select(t => $"#{ids[t.Name]} {t.Title}"))}.");

        await SteerDocsWhileItWorksAsync(client, model, ids["docs"], cancellationToken);
        await AnswerConfigQuestionAsync(client, ids["config"], cancellationToken);

        foreach (var (name, _, _, _) in Tasks)
        {
            var key = ids[name].ToString(CultureInfo.InvariantCulture);
            var ready = await WaitForAsync(client, key, s => s is "InReview" or "Failed" or "Cancelled" or "Blocked", cancellationToken);
            if (ready.State != "InReview")
            {
                output.Error($"Task {key} ended {ready.State}: {ready.StateReason}");
                return ExitCodes.Failed;
            }
            var bundle = await client.GetReviewAsync(key, cancellationToken);
            output.Line();
            output.Markup($"[bold]#{key} {ready.Title}[/] is ready for review. Agent: {bundle.Summary ?? "-"}", $"#{key} {ready.Title} is ready for review. Agent: {bundle.Summary}");
            foreach (var d in bundle.Decisions)
            {
                output.Line($"    decision: {d.ReplaceLineEndings(" ")}");
            }
            foreach (var c in bundle.Checks)
            {
                output.Line($"    check {(c.Passed ? "passed" : "FAILED")}: {c.Command}");
            }
            foreach (var c in bundle.Detail.Comments)
            {
                output.Line($"    {c.Mode} \"{c.Body}\" delivered {(c.DeliveredAt is { } at ? at.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "-")} to run {c.DeliveredToAttempt}");
            }
            output.Line(Indent(bundle.Diff));
            var merged = await client.ApproveAsync(key, "approved by the demo", cancellationToken);
            if (merged.State != "Merged")
            {
                output.Error($"Task {key} did not merge: {merged.StateReason}");
                return ExitCodes.NotMerged;
            }
            output.Markup($"[green]Approved and merged[/] #{key} into main at {merged.MergedCommit![..12]}.", $"Approved and merged #{key} into main at {merged.MergedCommit}.");
        }

        output.Line();
        output.Line($"The scripted model answered {model.Requests.Count} requests. main now has: {(await SampleRepository.GitAsync(repo, cancellationToken, "ls-tree", "--name-only", "main")).Replace('\n', ' ')}");
        await ShowAgentsAsync(agents);

        output.Line();
        output.Line("Where to look:");
        output.Line($"  the repository:   {repo}   (git log --graph main)");
        output.Line($"  the data folder:  {home.Path}   browse it with: NIGHTSHIFT_HOME={home.Path} nightshift ls (or logs 1, inbox; read-only with no server; `nightshift up` to act)");
        output.Line();
        output.Line("Point Nightshift at a real model: set NIGHTSHIFT_BUILTIN_MODEL (and NIGHTSHIFT_BUILTIN_ENDPOINT for an");
        output.Line("OpenAI-compatible server such as Ollama or vLLM, or NIGHTSHIFT_BUILTIN_PROVIDER=anthropic with ANTHROPIC_API_KEY),");
        output.Line("then `nightshift up` and add specs with `agent: builtin`. Any CLI agent runs with `agent: command` and `command: ...`.");
        return ExitCodes.Ok;
    }

    /// <summary>The agent CLIs a spec could name instead of the scripted one: installed or not, and how each signs in, as `nightshift agents` shows them.</summary>
    private async Task ShowAgentsAsync(Task<IReadOnlyList<AgentDto>> agents)
    {
        output.Line();
        output.Line("Your agent CLIs on this machine (`nightshift agents`): a task with `agent: claude-code`, `codex`, `gemini` or");
        output.Line("`opencode` runs on the CLI's own login, settings and instructions, as in your terminal.");
        var installed = (await agents).Where(a => a.Executable is not null).ToList();
        if (installed.Count == 0)
        {
            output.Line("  none is installed here; `nightshift agents` says how to install each.");
        }
        foreach (var a in installed)
        {
            var state = a.Available ? $"{a.Version ?? "?"}, {a.SignIn ?? "ready"}" : a.Note;
            output.Line($"  {a.Name,-12} {state}");
        }
    }

    private async Task SteerDocsWhileItWorksAsync(NightshiftClient client, ScriptedModelServer model, long docs, CancellationToken cancellationToken)
    {
        // The docs task's model "thinks" for two seconds on its first request; the steer lands then.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(1));
        while (!model.Requests.Any(r => r.Contains(DemoScript.Docs)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), limit.Token);
        }
        var key = docs.ToString(CultureInfo.InvariantCulture);
        await client.AddCommentAsync(key, new AddCommentRequest(DemoScript.Steer, "steer"), cancellationToken);
        output.Line($"Steered #{key} while it works: \"{DemoScript.Steer}\"");
    }

    private async Task AnswerConfigQuestionAsync(NightshiftClient client, long config, CancellationToken cancellationToken)
    {
        var key = config.ToString(CultureInfo.InvariantCulture);
        var waiting = await WaitForAsync(client, key, s => s is "NeedsInput" or "InReview" or "Failed", cancellationToken);
        if (waiting.State != "NeedsInput")
        {
            return;
        }
        output.Line($"#{key} asks: {waiting.StateReason} (the other tasks go on meanwhile)");
        await client.AnswerAsync(key, "8080", cancellationToken);
        output.Line($"Answered #{key}: 8080");
    }

    private static async Task<TaskDto> WaitForAsync(NightshiftClient client, string key, Func<string, bool> done, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        while (true)
        {
            var task = (await client.GetTaskAsync(key, limit.Token)).Task;
            if (done(task.State))
            {
                return task;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), limit.Token);
        }
    }

    private static string Indent(string text) =>
        string.Join('\n', text.TrimEnd().Split('\n').Select(l => "      " + l));
}
