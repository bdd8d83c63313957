using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Nightshift.Client;
using Nightshift.Core.Specs;
using Nightshift.Server.Tests.Mcp;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

/// <summary>Specs built to break the server, through the running API and MCP: each is an ordinary refusal, and the server keeps serving.</summary>
public sealed class HostileSpecTests : IAsyncLifetime
{
    private const int Seed = 20261203;
    private const int Count = 600;

    /// <summary>About 80 KB: 40,000 nested '[' in a field. It once ended the server's process with a stack overflow.</summary>
    private static readonly string NestedSpec =
        "---\ncommand: x\nlabels: " + new string('[', 40_000) + new string(']', 40_000) + "\n---\n# Nested\n\nDo it.\n";

    private ServerHarness _h = null!;

    [Fact]
    public async Task ANestedSpec_ThroughTheApi_IsASpecErrorWithLineAndField_AndTheServerStaysUp()
    {
        var thrown = await Should.ThrowAsync<NightshiftApiException>(() => _h.Client.AddTaskAsync(new AddTaskRequest(null, NestedSpec, "nested.md"), TestContext.Current.CancellationToken));

        thrown.Status.ShouldBe(HttpStatusCode.BadRequest);
        thrown.Code.ShouldBe("invalid_spec");
        var problem = thrown.Problems.ShouldHaveSingleItem();
        (problem.File, problem.Line, problem.Field).ShouldBe(("nested.md", 3, "labels"));
        problem.Message.ShouldContain("levels deep");
        var added = await _h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: x\n---\n# Fine\n\nDo it.\n", "fine.md"), TestContext.Current.CancellationToken);
        added.State.ShouldBe("Queued");
    }

    [Fact]
    public async Task ANestedSpec_ThroughMcpCreateTask_IsRefusedWithLineAndField_AndTheServerStaysUp()
    {
        await using var mcp = await McpConnection.ConnectAsync(new Uri(_h.Server.Url, "mcp"), _h.Server.Token.Value);

        var (isError, text) = await mcp.CallAsync("create_task", new() { ["spec"] = NestedSpec, ["specFile"] = "nested.md" });

        isError.ShouldBeTrue(text);
        text.ShouldContain("nested.md:3:");
        text.ShouldContain("labels: nests lists or mappings more than");
        (await _h.Client.ListTasksAsync(cancellationToken: TestContext.Current.CancellationToken)).ShouldBeEmpty();
        var (listError, _) = await mcp.CallAsync("list_tasks", []);
        listError.ShouldBeFalse();
    }

    [Fact]
    public async Task GeneratedSpecs_ThroughTheApi_AreAddedOrRefusedWithAFieldAndALine_NeverA500()
    {
        using var http = new HttpClient { BaseAddress = _h.Server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _h.Server.Token.Value);
        var fuzzer = new SpecFuzzer(Seed, SpecLimits.MaxSpecChars);
        var (added, refused) = (0, 0);
        for (var i = 0; i < Count; i++)
        {
            var spec = fuzzer.Next();
            var because = $"seed {Seed}, spec {i}";
            var body = JsonSerializer.Serialize(new AddTaskRequest(null, spec, "fuzz.md"), NightshiftClient.Json);
            using var response = await http.PostAsync("/api/tasks", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                added++;
                continue;
            }
            refused++;
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{because}: {text}");
            var error = JsonSerializer.Deserialize<ErrorDto>(text, NightshiftClient.Json).ShouldNotBeNull(because);
            error.Code.ShouldBe("invalid_spec", $"{because}: {text}");
            error.Problems.ShouldNotBeNull(because).ShouldNotBeEmpty(because);
            error.Problems!.ShouldAllBe(p => p.Line >= 1 && !string.IsNullOrWhiteSpace(p.Field) && !string.IsNullOrWhiteSpace(p.Message), $"{because}: {text}");
        }
        added.ShouldBeGreaterThan(0);
        refused.ShouldBeGreaterThan(Count / 4);
        (await _h.Client.ListTasksAsync(cancellationToken: TestContext.Current.CancellationToken)).Count.ShouldBe(added);
    }

    public async ValueTask InitializeAsync()
    {
        _h = await ServerHarness.StartAsync(runWorker: false);
        await _h.Client.RegisterProjectAsync(_h.Repo.Path, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();
}
