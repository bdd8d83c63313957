using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Mcp;

/// <summary>The control MCP server at /mcp, driven by an MCP client with the user's token, as a developer's editor agent would.</summary>
public sealed class ControlMcpTests
{
    private const string Spec = """
        ---
        name: notes
        command: "echo notes > notes.txt"
        ---
        # Take notes

        Write notes.txt.
        """;

    [Fact]
    public async Task TheControlServer_CreatesListsReadsAndComments_AndOffersNoApproveOrMerge()
    {
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        await h.Client.RegisterProjectAsync(h.Repo.Path, TestContext.Current.CancellationToken);
        await using var client = await McpConnection.ConnectAsync(new Uri(h.Server.Url, "mcp"), h.Server.Token.Value);

        var tools = (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(t => t.Name).ToList();
        tools.Order().ShouldBe(["answer_question", "comment_task", "create_task", "get_task", "list_tasks"]);
        tools.ShouldAllBe(t => !t.Contains("approve") && !t.Contains("merge"));

        var (createError, created) = await client.CallAsync("create_task", new() { ["spec"] = Spec, ["specFile"] = "notes.md" });
        createError.ShouldBeFalse(created);
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetInt64();
        (await h.Client.GetTaskAsync("notes", TestContext.Current.CancellationToken)).Task.State.ShouldBe("Queued");

        var (_, listed) = await client.CallAsync("list_tasks", new() { ["state"] = "queued" });
        listed.ShouldContain("\"name\":\"notes\"");
        var (badState, stateError) = await client.CallAsync("list_tasks", new() { ["state"] = "sleeping" });
        badState.ShouldBeTrue();
        stateError.ShouldContain("'sleeping' is not a task state");

        var (commentError, commented) = await client.CallAsync("comment_task", new() { ["task"] = "notes", ["text"] = "Use bullet points.", ["mode"] = "queue" });
        commentError.ShouldBeFalse(commented);
        var (badMode, modeError) = await client.CallAsync("comment_task", new() { ["task"] = "notes", ["text"] = "x", ["mode"] = "shout" });
        badMode.ShouldBeTrue();
        modeError.ShouldContain("use steer or queue");

        var (readError, read) = await client.CallAsync("get_task", new() { ["task"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        readError.ShouldBeFalse(read);
        read.ShouldContain("\"state\":\"Queued\"");
        read.ShouldContain("queue by you (not delivered yet): Use bullet points.");
        read.ShouldContain("Task created from notes.md");
        var detail = await h.Client.GetTaskAsync("notes", TestContext.Current.CancellationToken);
        detail.Comments.ShouldHaveSingleItem().Mode.ShouldBe("queue");

        var (missing, missingError) = await client.CallAsync("get_task", new() { ["task"] = "nope" });
        missing.ShouldBeTrue();
        missingError.ShouldContain("nope");
    }

    [Fact]
    public async Task ABadSpec_GetsTheParsersError_AndNothingIsStored()
    {
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        await h.Client.RegisterProjectAsync(h.Repo.Path, TestContext.Current.CancellationToken);
        await using var client = await McpConnection.ConnectAsync(new Uri(h.Server.Url, "mcp"), h.Server.Token.Value);

        var (isError, text) = await client.CallAsync("create_task", new() { ["spec"] = "---\ncommand: x\npriorty: high\n---\n# T\n\nbody\n", ["specFile"] = "bad.md" });

        isError.ShouldBeTrue();
        text.ShouldContain("nothing was stored");
        text.ShouldContain("bad.md:3:");
        text.ShouldContain("priorty");
        (await h.Client.ListTasksAsync(cancellationToken: TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnAnswer_ReachesATaskThatNeedsInput_AndIsRefusedOtherwise()
    {
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        await h.Client.RegisterProjectAsync(h.Repo.Path, TestContext.Current.CancellationToken);
        await using var client = await McpConnection.ConnectAsync(new Uri(h.Server.Url, "mcp"), h.Server.Token.Value);
        await client.CallAsync("create_task", new() { ["spec"] = Spec });

        var (early, earlyError) = await client.CallAsync("answer_question", new() { ["task"] = "notes", ["text"] = "Yes." });
        early.ShouldBeTrue();
        earlyError.ShouldContain("Queued");

        // A question as a run would leave it: the task waits in NeedsInput.
        var task = await h.Client.GetTaskAsync("notes", TestContext.Current.CancellationToken);
        await h.Server.Services.GetRequiredService<TaskBoard>().MutateAsync(new TaskId(task.Task.Id), (t, _) => t.State = TaskState.NeedsInput, TestContext.Current.CancellationToken);

        var (answerError, answered) = await client.CallAsync("answer_question", new() { ["task"] = "notes", ["text"] = "Yes, use Markdown." });

        answerError.ShouldBeFalse(answered);
        var detail = await h.Client.GetTaskAsync("notes", TestContext.Current.CancellationToken);
        var answer = detail.Comments.ShouldHaveSingleItem();
        answer.Mode.ShouldBe("answer");
        answer.Body.ShouldBe("Yes, use Markdown.");
    }

    [Fact]
    public async Task APlanWaitingForApproval_IsReadableButNotApprovable()
    {
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        await h.Client.RegisterProjectAsync(h.Repo.Path, TestContext.Current.CancellationToken);
        await using var client = await McpConnection.ConnectAsync(new Uri(h.Server.Url, "mcp"), h.Server.Token.Value);
        var (createError, created) = await client.CallAsync("create_task", new() { ["spec"] = "---\nname: notes\nagent: claude-code\nplan: required\n---\n# Take notes\n\nWrite notes.txt.\n" });
        createError.ShouldBeFalse(created);

        // A plan as a planning run would leave it: the task waits in AwaitingPlanApproval.
        var task = await h.Client.GetTaskAsync("notes", TestContext.Current.CancellationToken);
        await h.Server.Services.GetRequiredService<TaskBoard>().MutateAsync(new TaskId(task.Task.Id), (t, _) =>
        {
            t.State = TaskState.AwaitingPlanApproval;
            t.PlanText = "1. Write notes.txt.";
        }, TestContext.Current.CancellationToken);

        var (readError, read) = await client.CallAsync("get_task", new() { ["task"] = "notes" });

        readError.ShouldBeFalse(read);
        read.ShouldContain("\"planText\":\"1. Write notes.txt.\"");
        read.ShouldContain("\"planApproved\":false");
        read.ShouldContain("\"state\":\"AwaitingPlanApproval\"");
        var tools = (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(t => t.Name);
        tools.ShouldAllBe(t => !t.Contains("plan"));
    }
}
