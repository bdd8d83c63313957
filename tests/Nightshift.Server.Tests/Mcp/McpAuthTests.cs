using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Mcp;

/// <summary>A run's token opens that run's bridge and nothing else; the user's token opens the API and the control server, not a bridge.</summary>
public sealed class McpAuthTests
{
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

    [Fact]
    public async Task ARunToken_OpensItsOwnBridge_AndIsRefusedOnAnotherRunsBridge_TheControlServer_AndTheApi()
    {
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        using var mine = new FakeRun(h.Server, 41);
        using var other = new FakeRun(h.Server, 42);

        await using (var client = await McpConnection.ConnectAsync(mine.Url, mine.Token))
        {
            var tools = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
            tools.Select(t => t.Name).Order().ShouldBe(["ask_question", "get_feedback", "record_decision", "report_progress", "update_plan"]);
        }

        (await PostAsync(h, other.Url, mine.Token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostAsync(h, new Uri(h.Server.Url, "mcp"), mine.Token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var api = await GetAsync(h, new Uri(h.Server.Url, "api/tasks"), mine.Token);
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("bridge token opens only that run");
        var ex = await Should.ThrowAsync<Exception>(() => McpConnection.ConnectAsync(new Uri(h.Server.Url, "mcp"), mine.Token));
        ex.Message.ShouldContain("401");
    }

    [Fact]
    public async Task TheUserToken_OpensTheControlServer_ButNoRunsBridge()
    {
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        using var run = new FakeRun(h.Server, 7);

        (await PostAsync(h, run.Url, h.Server.Token.Value)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostAsync(h, run.Url, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostAsync(h, new Uri(h.Server.Url, "mcp"), null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostAsync(h, new Uri(h.Server.Url, "mcp"), h.Server.Token.Value)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ARunToken_IsDead_OnceTheRunEnds()
    {
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        var run = new FakeRun(h.Server, 9);
        (await PostAsync(h, run.Url, run.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        run.Dispose();

        (await PostAsync(h, run.Url, run.Token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<HttpResponseMessage> PostAsync(ServerHarness h, Uri url, string? token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<HttpResponseMessage> GetAsync(ServerHarness h, Uri url, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
