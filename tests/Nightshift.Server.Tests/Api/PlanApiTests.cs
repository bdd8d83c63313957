using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Client;
using Nightshift.Core.Agents.BuiltIn;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

/// <summary>The plan gate through the API: a plan-gated task plans with the scripted built-in agent, then a human approves or sends the plan back.</summary>
public sealed class PlanApiTests
{
    private const string Plan = "1. Add greeting.txt with a hello.\n2. Check it reads back.";
    private const string Revised = "1. Add GREETING.md instead.";
    private const string Feedback = "Use a markdown file instead.";

    // Rules are tried in order: the implementing run's prompt also holds the task's marker.
    private static Script GatedScript() => Script.Create()
        .WhenToolResult("greeting.txt").CallTool("finish", new { summary = "greeting added" })
        .When(RequestMatch.LastUserContains("## Your plan was approved").And(RequestMatch.LastUserContains("[api-gated]")))
            .CallTool("write_file", new { path = "greeting.txt", content = "hello\n" })
        .When(RequestMatch.LastUserContains(Feedback).And(RequestMatch.LastUserContains("## Plan first"))).Say(Revised)
        .WhenLastUser("[api-gated]").Say(Plan)
        .Build();

    private const string Spec = "---\nname: greet\nagent: builtin\nplan: required\n---\n# Greet\n\n[api-gated] Add a greeting file.\n";

    [Fact]
    public async Task ApprovingThePlan_RunsTheWorkWithThePlanAndTheNote_AndTheTaskShowsWhenItWasApproved()
    {
        await using var model = await ScriptedModelServer.StartAsync(GatedScript(), cancellationToken: TestContext.Current.CancellationToken);
        await using var h = await StartAsync(model);
        var added = await h.Client.AddTaskAsync(new AddTaskRequest(null, Spec, "greet.md"), TestContext.Current.CancellationToken);

        var waiting = await h.WaitForAsync(added.Id, "AwaitingPlanApproval");
        waiting.PlanText.ShouldBe(Plan);
        waiting.PlanApprovedAt.ShouldBeNull();
        var inbox = (await h.Client.GetInboxAsync(TestContext.Current.CancellationToken)).ShouldHaveSingleItem();
        inbox.Kind.ShouldBe("planapproval");
        inbox.Action.ShouldBe($"nightshift plan {added.Id}   then   nightshift plan approve {added.Id}   (or: nightshift plan revise {added.Id} -m \"…\")");
        inbox.Task.PlanText.ShouldBe(Plan);

        var approved = await h.Client.ApprovePlanAsync("greet", "Keep it to one line.", TestContext.Current.CancellationToken);

        approved.PlanApprovedAt.ShouldNotBeNull();
        approved.State.ShouldNotBe("AwaitingPlanApproval");
        var done = await h.WaitForAsync(added.Id, "InReview");
        done.PlanText.ShouldBe(Plan);
        h.Repo.Git("show", $"{done.Branch}:greeting.txt").ShouldBe("hello");
        var work = model.Requests.First(r => r.LastOfRole("user")!.Contains("## Your plan was approved"));
        work.LastOfRole("user")!.Contains(Plan).ShouldBeTrue();
        work.LastOfRole("user")!.Contains("Keep it to one line.").ShouldBeTrue();
        (await h.Client.GetEventsAsync("greet", cancellationToken: TestContext.Current.CancellationToken))
            .ShouldContain(e => e.Kind == "state" && e.Message == "AwaitingPlanApproval → Queued: plan approved by you");
    }

    [Fact]
    public async Task SendingThePlanBack_PlansAgainWithTheFeedback_AndEmptyFeedbackIsRefusedSayingWhatToSend()
    {
        await using var model = await ScriptedModelServer.StartAsync(GatedScript(), cancellationToken: TestContext.Current.CancellationToken);
        await using var h = await StartAsync(model);
        var added = await h.Client.AddTaskAsync(new AddTaskRequest(null, Spec, "greet.md"), TestContext.Current.CancellationToken);
        await h.WaitForAsync(added.Id, "AwaitingPlanApproval");

        var empty = await Should.ThrowAsync<NightshiftApiException>(() => h.Client.RevisePlanAsync("greet", "  ", TestContext.Current.CancellationToken));
        empty.Status.ShouldBe(HttpStatusCode.BadRequest);
        empty.Code.ShouldBe("invalid_request");
        empty.Message.ShouldBe("Sending a plan back needs feedback: say what the plan should change.");
        using (var raw = new HttpClient { BaseAddress = h.Server.Url })
        {
            raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", h.Server.Token.Value);
            using var noBody = await raw.PostAsync(new Uri("api/tasks/greet/plan/revise", UriKind.Relative), null, TestContext.Current.CancellationToken);
            noBody.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await noBody.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("say what the plan should change");
        }

        await h.Client.RevisePlanAsync("greet", Feedback, TestContext.Current.CancellationToken);

        var again = await WaitForPlanAsync(h, added.Id, Revised);
        again.State.ShouldBe("AwaitingPlanApproval");
        again.PlanApprovedAt.ShouldBeNull();
        var replanning = model.Requests.Last(r => r.LastOfRole("user")!.Contains("## Plan first"));
        replanning.LastOfRole("user")!.Contains(Feedback).ShouldBeTrue();
        replanning.ToolNames.ShouldNotContain("write_file");
    }

    [Fact]
    public async Task APlanCanOnlyBeJudgedWhileItWaits_TheRefusalNamesTheState()
    {
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        await h.Client.RegisterProjectAsync(h.Repo.Path, TestContext.Current.CancellationToken);
        var added = await h.Client.AddTaskAsync(new AddTaskRequest(null, Spec, "greet.md"), TestContext.Current.CancellationToken);

        var approve = await Should.ThrowAsync<NightshiftApiException>(() => h.Client.ApprovePlanAsync("greet", cancellationToken: TestContext.Current.CancellationToken));
        var revise = await Should.ThrowAsync<NightshiftApiException>(() => h.Client.RevisePlanAsync("greet", Feedback, TestContext.Current.CancellationToken));

        approve.Status.ShouldBe(HttpStatusCode.Conflict);
        approve.Code.ShouldBe("invalid_transition");
        approve.Message.ShouldBe($"Task {added.Id} is Queued; 'approve the plan' is not possible from there.");
        revise.Status.ShouldBe(HttpStatusCode.Conflict);
        revise.Message.ShouldBe($"Task {added.Id} is Queued; 'send the plan back' is not possible from there.");
        var missing = await Should.ThrowAsync<NightshiftApiException>(() => h.Client.ApprovePlanAsync("nope", cancellationToken: TestContext.Current.CancellationToken));
        missing.Status.ShouldBe(HttpStatusCode.NotFound);
        (await h.Client.GetTaskAsync("greet", TestContext.Current.CancellationToken)).Comments.ShouldBeEmpty();
    }

    private static async Task<ServerHarness> StartAsync(ScriptedModelServer model)
    {
        var h = await ServerHarness.StartAsync(services => services.AddSingleton(
            new BuiltInAgentOptions { Model = ScriptedModelServer.ModelName, Endpoint = model.Endpoint, ApiKey = "scripted" }));
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        return h;
    }

    private static async Task<TaskDto> WaitForPlanAsync(ServerHarness h, long id, string plan)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (true)
        {
            var task = (await h.Client.GetTaskAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Task;
            if (task.PlanText == plan && task.State == "AwaitingPlanApproval")
            {
                return task;
            }
            TimeProvider.System.GetUtcNow().ShouldBeLessThan(deadline, $"the plan never became \"{plan}\"; the task is {task.State} with plan \"{task.PlanText}\"");
            await Task.Delay(50);
        }
    }
}
