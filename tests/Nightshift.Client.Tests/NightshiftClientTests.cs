using System.Net;
using Shouldly;
using Xunit;

namespace Nightshift.Client.Tests;

public sealed class NightshiftClientTests
{
    private static readonly Uri Server = new("http://127.0.0.1:7433/");

    [Fact]
    public async Task EveryCall_CarriesTheTokenAsABearer()
    {
        using var handler = new RecordingHandler(HttpStatusCode.OK, "[]");
        using var client = new NightshiftClient(Server, "secret-token", handler);

        await client.ListTasksAsync(cancellationToken: TestContext.Current.CancellationToken);
        await client.ListProjectsAsync(TestContext.Current.CancellationToken);

        handler.Requests.Count.ShouldBe(2);
        handler.Requests.ShouldAllBe(r => r.Headers.Authorization!.Scheme == "Bearer" && r.Headers.Authorization.Parameter == "secret-token");
    }

    [Fact]
    public async Task AnInvalidSpecAnswer_BecomesAnExceptionWithEveryProblem()
    {
        const string body = """
            {"error":"The spec has 2 problems; nothing was stored.","code":"invalid_spec","problems":[
              {"file":"a.md","line":3,"column":1,"field":"priority","message":"'asap' is not a priority"},
              {"file":"a.md","line":4,"column":1,"field":"timeout","message":"'soon' is not a duration"}]}
            """;
        using var handler = new RecordingHandler(HttpStatusCode.BadRequest, body);
        using var client = new NightshiftClient(Server, "t", handler);

        var ex = await Should.ThrowAsync<NightshiftApiException>(() =>
            client.AddTaskAsync(new AddTaskRequest(null, "x", "a.md"), TestContext.Current.CancellationToken));

        ex.Status.ShouldBe(HttpStatusCode.BadRequest);
        ex.Code.ShouldBe("invalid_spec");
        ex.Message.ShouldBe("The spec has 2 problems; nothing was stored.");
        ex.Problems.Select(p => p.ToString()).ShouldBe(["a.md:3:1: priority: 'asap' is not a priority", "a.md:4:1: timeout: 'soon' is not a duration"]);
    }

    [Fact]
    public async Task AnAnswerThatIsNotJson_StillSaysWhatHappened()
    {
        using var handler = new RecordingHandler(HttpStatusCode.BadGateway, "<html>bad gateway</html>", "text/html");
        using var client = new NightshiftClient(Server, "t", handler);

        var ex = await Should.ThrowAsync<NightshiftApiException>(() => client.ListTasksAsync(cancellationToken: TestContext.Current.CancellationToken));

        ex.Code.ShouldBe("http_error");
        ex.Message.ShouldContain("502");
    }

    [Fact]
    public async Task TaskNames_AreEscapedInTheAddress()
    {
        using var handler = new RecordingHandler(HttpStatusCode.OK, "[]");
        using var client = new NightshiftClient(Server, "t", handler);

        await client.GetEventsAsync("fix bug/#2", 7, TestContext.Current.CancellationToken);

        handler.Requests.Single().RequestUri!.AbsoluteUri.ShouldBe("http://127.0.0.1:7433/api/tasks/fix%20bug%2F%232/events?after=7");
    }

    [Fact]
    public async Task APlanVerdict_PostsTheNoteOrTheFeedback_ToTheTasksPlan()
    {
        const string task = """{"id":3,"projectId":1,"name":"greet","title":"Greet","state":"Queued","priority":"normal","agent":"builtin","baseBranch":"main","attempts":1,"labels":[],"dependsOn":[],"createdAt":"2026-11-26T00:00:00Z","updatedAt":"2026-11-26T00:00:00Z","planText":"1. Greet.","planApprovedAt":"2026-11-26T01:00:00Z"}""";
        using var handler = new RecordingHandler(HttpStatusCode.OK, task);
        using var client = new NightshiftClient(Server, "t", handler);

        var approved = await client.ApprovePlanAsync("greet", "Keep it short.", TestContext.Current.CancellationToken);
        await client.RevisePlanAsync("#3", "Use Markdown.", TestContext.Current.CancellationToken);

        approved.PlanText.ShouldBe("1. Greet.");
        approved.PlanApprovedAt.ShouldBe(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero));
        handler.Requests.Select(r => (r.Method.Method, r.RequestUri!.AbsolutePath)).ShouldBe(
            [("POST", "/api/tasks/greet/plan/approve"), ("POST", "/api/tasks/%233/plan/revise")]);
        (await handler.Requests[0].Content!.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("""{"note":"Keep it short."}""");
        (await handler.Requests[1].Content!.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("""{"feedback":"Use Markdown."}""");
    }
}
