using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Nightshift.Client;
using Nightshift.Core.Specs;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

/// <summary>Every refusal of the API, whatever refused it (the framework, the router, the server's limits), carries the {"error","code"} envelope.</summary>
public sealed class ApiErrorEnvelopeTests : IAsyncLifetime
{
    private ServerHarness _h = null!;
    private HttpClient _http = null!;

    public static TheoryData<string, string, string?, HttpStatusCode, string, string> Refusals() => new()
    {
        { "malformed JSON", "POST /api/tasks", "{\"specText\": \"x\",", HttpStatusCode.BadRequest, "invalid_request", "JSON" },
        { "wrong type", "POST /api/tasks", "{\"specText\": 5}", HttpStatusCode.BadRequest, "invalid_request", "$.specText" },
        { "not an object", "POST /api/tasks", "[1, 2]", HttpStatusCode.BadRequest, "invalid_request", "JSON" },
        { "empty body", "POST /api/tasks", "", HttpStatusCode.BadRequest, "invalid_request", "body" },
        { "comment mode of the wrong type", "POST /api/tasks/1/comments", "{\"body\": \"x\", \"mode\": {}}", HttpStatusCode.BadRequest, "invalid_request", "$.mode" },
        { "bad query value", "GET /api/tasks/1/events?after=soon", null, HttpStatusCode.BadRequest, "invalid_request", "after" },
        { "bad page size", "GET /api/tasks?limit=lots", null, HttpStatusCode.BadRequest, "invalid_request", "limit" },
        { "page size out of range", "GET /api/tasks?limit=0", null, HttpStatusCode.BadRequest, "invalid_request", "limit=0" },
        { "unknown route", "GET /api/nothing/here", null, HttpStatusCode.NotFound, "not_found", "GET /api/nothing/here" },
        { "wrong method", "DELETE /api/tasks", null, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "GET" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARefusal_CarriesTheErrorEnvelope(string what, string request, string? body, HttpStatusCode status, string code, string mentions)
    {
        var parts = request.Split(' ');
        using var message = new HttpRequestMessage(new HttpMethod(parts[0]), parts[1]);
        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(message, TestContext.Current.CancellationToken);

        var (error, errorCode) = await EnvelopeAsync(response, what);
        response.StatusCode.ShouldBe(status, what);
        errorCode.ShouldBe(code, what);
        error.ShouldContain(mentions, Case.Sensitive, what);
    }

    [Fact]
    public async Task ABodyOverTheLimit_Is413WithTheEnvelope_AndTheClientSaysTooLarge()
    {
        // 20 MB, as a careless script might send: answered 413 while it is still being sent, not cut off.
        var spec = "---\ncommand: x\n---\n# Big\n\n" + new string('x', 20 * 1024 * 1024);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tasks")
        {
            Content = new StringContent(JsonSerializer.Serialize(new AddTaskRequest(null, spec, "big.md")), Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var (error, code) = await EnvelopeAsync(response, "a 20 MB body");
        var thrown = await Should.ThrowAsync<NightshiftApiException>(() => _h.Client.AddTaskAsync(new AddTaskRequest(null, spec, "big.md"), TestContext.Current.CancellationToken));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        code.ShouldBe("too_large");
        error.ShouldContain("SpecLimits.MaxRequestBodyBytes");
        thrown.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        thrown.Code.ShouldBe("too_large");
        (await _h.Client.ListTasksAsync(cancellationToken: TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ASpecOverItsLimitButUnderTheBodyLimit_IsASpecErrorNamingTheLimit()
    {
        var spec = "---\ncommand: x\n---\n# Big\n\n" + new string('x', SpecLimits.MaxSpecChars);

        var thrown = await Should.ThrowAsync<NightshiftApiException>(() => _h.Client.AddTaskAsync(new AddTaskRequest(null, spec, "big.md"), TestContext.Current.CancellationToken));

        thrown.Status.ShouldBe(HttpStatusCode.BadRequest);
        thrown.Code.ShouldBe("invalid_spec");
        var problem = thrown.Problems.ShouldHaveSingleItem();
        (problem.File, problem.Line, problem.Field).ShouldBe(("big.md", 1, "spec"));
        problem.Message.ShouldContain("SpecLimits.MaxSpecChars");
    }

    public async ValueTask InitializeAsync()
    {
        _h = await ServerHarness.StartAsync(runWorker: false);
        await _h.Client.RegisterProjectAsync(_h.Repo.Path, TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = _h.Server.Url };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _h.Server.Token.Value);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _h.DisposeAsync();
    }

    private static async Task<(string Error, string Code)> EnvelopeAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        text.ShouldNotBeNullOrWhiteSpace($"{what}: {(int)response.StatusCode} came with an empty body");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json", what);
        using var json = JsonDocument.Parse(text);
        return (json.RootElement.GetProperty("error").GetString()!, json.RootElement.GetProperty("code").GetString()!);
    }
}
