using System.Net;
using System.Net.Http.Json;
using Nightshift.Client;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

public sealed class AccessTokenTests
{
    public static TheoryData<string, string> Routes() => new()
    {
        { "GET", "api/projects" },
        { "POST", "api/projects" },
        { "GET", "api/tasks" },
        { "POST", "api/tasks" },
        { "GET", "api/tasks/1" },
        { "GET", "api/tasks/1/events" },
        { "GET", "api/tasks/1/diff" },
        { "POST", "api/tasks/1/comments" },
        { "POST", "api/tasks/1/approve" },
        { "POST", "api/tasks/1/reject" },
        { "POST", "api/tasks/1/cancel" },
        { "POST", "api/tasks/1/retry" },
        { "POST", "api/dashboard/links" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryRoute_WithoutTheToken_IsRefusedAndChangesNothing(string method, string path)
    {
        await using var h = await ServerHarness.StartAsync();
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: sleep 30\n---\n# T\n\nbody\n", "t.md"));
        using var anonymous = new HttpClient { BaseAddress = h.Server.Url };

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { path = h.Repo.Path, specText = "---\ncommand: x\n---\n# X\n\nbody", body = "hi", message = "m" });
        }
        using var response = await anonymous.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("access token");
        (await h.Client.ListTasksAsync()).Count.ShouldBe(1);
        (await h.Client.GetTaskAsync("1")).Comments.ShouldBeEmpty();
    }

    [Fact]
    public async Task AWrongToken_IsRefused()
    {
        await using var h = await ServerHarness.StartAsync();
        using var wrong = new NightshiftClient(h.Server.Url, h.Server.Token.Value[..^1] + "x");

        var ex = await Should.ThrowAsync<NightshiftApiException>(() => wrong.ListProjectsAsync());

        ex.Status.ShouldBe(HttpStatusCode.Unauthorized);
        ex.Code.ShouldBe("unauthorized");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TheToken_IsStoredOwnerOnly_AndKeptAcrossRestarts()
    {
        await using var h = await ServerHarness.StartAsync();
        var first = h.Server.Token.Value;

        File.GetUnixFileMode(h.Home.TokenPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (await File.ReadAllTextAsync(h.Home.TokenPath)).ShouldBe(first);
        first.Length.ShouldBeGreaterThanOrEqualTo(40);

        await h.RestartAsync();
        h.Server.Token.Value.ShouldBe(first);
        (await h.Client.ListProjectsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheServer_ListensOnLoopbackByDefault_AndSaysWhereInServerJson()
    {
        await using var h = await ServerHarness.StartAsync();

        h.Server.Url.Host.ShouldBe("127.0.0.1");
        var info = Hosting.ServerInfoFile.Read(h.Home);
        info.ShouldNotBeNull();
        info.Url.ShouldBe(h.Server.Url.ToString());
        info.Pid.ShouldBe(Environment.ProcessId);
    }
}
