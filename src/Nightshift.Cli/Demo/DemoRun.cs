using Nightshift.Cli.Terminal;
using Nightshift.Client;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Server;
using Nightshift.Server.Hosting;

namespace Nightshift.Cli.Demo;

/// <summary>
/// `nightshift demo`: a sample repository, a server in this process, two tasks run by the
/// command agent (the second depends on the first, so it starts from the merged result),
/// each approved and merged. Needs nothing but the .NET SDK and git.
/// </summary>
internal sealed class DemoRun(Output output)
{
    private const string GreetingSpec = """
        ---
        name: greeting
        agent: command
        command: "printf 'Hello from Nightshift!\n' > greeting.txt && echo wrote greeting.txt"
        checks:
          - grep -q Hello greeting.txt
        labels: [demo]
        ---
        # Add a greeting file

        Create `greeting.txt` with a friendly greeting.
        """;

    private const string ChangelogSpec = """
        ---
        name: changelog
        agent: command
        depends_on: [greeting]
        command: "test -f greeting.txt && printf '# Changelog\n\n- Added greeting.txt\n' > CHANGELOG.md && echo wrote CHANGELOG.md"
        checks:
          - grep -q greeting CHANGELOG.md
        labels: [demo]
        ---
        # Write the changelog

        Starts after the greeting is merged, from the merged result: record it in `CHANGELOG.md`.
        """;

    public async Task<int> RunAsync(string? dir, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(dir ?? Path.Combine(Path.GetTempPath(), $"nightshift-demo-{Guid.NewGuid():N}"[..30]));
        var repo = Path.Combine(root, "greeter");
        var home = new NightshiftHome(Path.Combine(root, "home"));
        output.Markup("[bold]Nightshift demo[/] — the agent here is the `command` agent running shell commands, not a model.", "Nightshift demo (command agent; no model involved)");
        output.Line($"Sample repository: {repo}");
        await SampleRepository.CreateAsync(repo, cancellationToken);

        var options = new ServerOptions
        {
            Home = home,
            Port = 0,
            Worker = new WorkerOptions { NodeId = "demo", Concurrency = 2, PollInterval = TimeSpan.FromMilliseconds(500), RetryBackoff = TimeSpan.FromSeconds(1) },
        };
        await using var server = await NightshiftServer.StartAsync(options, cancellationToken: cancellationToken);
        output.Line($"Server: {server.Url} (data folder {home.Path})");
        using var client = server.CreateClient();
        await client.RegisterProjectAsync(repo, cancellationToken);

        var greeting = await client.AddTaskAsync(new AddTaskRequest(null, GreetingSpec, "greeting.md"), cancellationToken);
        var changelog = await client.AddTaskAsync(new AddTaskRequest(null, ChangelogSpec, "changelog.md"), cancellationToken);
        output.Line($"Added task {greeting.Id} '{greeting.Title}' and task {changelog.Id} '{changelog.Title}' (waits for {greeting.Id} to merge).");

        foreach (var task in new[] { greeting, changelog })
        {
            var ready = await WaitForAsync(client, task.Id, cancellationToken);
            if (ready.State != "InReview")
            {
                output.Error($"Task {task.Id} ended {ready.State}: {ready.StateReason}");
                return ExitCodes.Failed;
            }
            var diff = await client.GetDiffAsync(task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            output.Line($"Task {task.Id} is ready for review on {ready.Branch}; checks passed. Diff:");
            output.Line(Indent(diff));
            var merged = await client.ApproveAsync(task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "looks good (approved by the demo)", cancellationToken);
            if (merged.State != "Merged")
            {
                output.Error($"Task {task.Id} did not merge: {merged.StateReason}");
                return ExitCodes.NotMerged;
            }
            output.Markup($"[green]Approved and merged[/] task {task.Id} into main at {merged.MergedCommit![..12]}.", $"Approved and merged task {task.Id} into main at {merged.MergedCommit}.");
        }

        output.Line();
        output.Line("main now reads:");
        output.Line(Indent(await SampleRepository.GitAsync(repo, cancellationToken, "log", "--oneline", "--graph", "main")));
        output.Line($"Files on main: {(await SampleRepository.GitAsync(repo, cancellationToken, "ls-tree", "--name-only", "main")).Replace('\n', ' ')}");
        output.Line();
        output.Line("Where to look:");
        output.Line($"  the repository:     {repo}");
        output.Line($"  the data folder:    {home.Path} (SQLite database, token, run files)");
        output.Line($"  browse it again:    NIGHTSHIFT_HOME={home.Path} nightshift up   then   nightshift ls / show 1 / logs 1");
        output.Line("Use it on your repository: `nightshift init` there, `nightshift up`, then `nightshift add task.md`.");
        return ExitCodes.Ok;
    }

    private static async Task<TaskDto> WaitForAsync(NightshiftClient client, long id, CancellationToken cancellationToken)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        while (true)
        {
            var task = (await client.GetTaskAsync(key, limit.Token)).Task;
            if (task.State is "InReview" or "Failed" or "Cancelled" or "Blocked")
            {
                return task;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), limit.Token);
        }
    }

    private static string Indent(string text) =>
        string.Join('\n', text.TrimEnd().Split('\n').Select(l => "    " + l));
}
