using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Nightshift.Client;
using Nightshift.Core.Processes;
using Nightshift.Server.Tests.Mcp;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

/// <summary>An agent may not act as the person it works for: not with its bridge token, not with the user's token read from disk.</summary>
public sealed class ApprovalFromARunTests
{
    public static TheoryData<string> HumanActions() =>
    [
        "api/tasks/1/approve",
        "api/tasks/1/reject",
        "api/tasks/1/answer",
        "api/tasks/1/comments",
        "api/tasks/1/cancel",
        "api/tasks/1/retry",
        "api/tasks/1/integrate",
        "api/tasks/1/plan/approve",
        "api/tasks/1/plan/revise",
        "api/dashboard/links",
        "mcp",
    ];

    [Theory]
    [MemberData(nameof(HumanActions))]
    public async Task ARunsBridgeToken_NeverAuthorizesAHumanAction(string path)
    {
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: echo hi\n---\n# T\n\nbody\n", "t.md"));
        using var run = new FakeRun(h.Server, 1);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(h.Server.Url, path))
        {
            Content = new StringContent("""{"message":"lgtm (agent)","body":"x","answer":"yes"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", run.Token);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var task = await h.Client.GetTaskAsync("1");
        task.Task.State.ShouldBe("Queued");
        task.Comments.ShouldBeEmpty();
    }

    [Fact]
    public async Task ACallFromARunsProcess_IsRefused_EvenWithTheUsersToken_AndFromAChildThatEmptiedItsEnvironment()
    {
        RequireLinuxAndCurl();
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        var url = new Uri(h.Server.Url, "api/tasks").ToString();
        var curl = $"curl -s -H 'Authorization: Bearer {h.Server.Token.Value}' {url}";

        var marked = await RunAsync($"{curl}", mark: "some-run");
        var scrubbed = await RunAsync($"env -i PATH=\"$PATH\" sh -c \"{curl}\"", mark: "some-run");
        var person = await RunAsync(curl, mark: null);

        marked.ShouldContain("forbidden_from_run");
        marked.ShouldContain("an agent or a check started");
        scrubbed.ShouldContain("forbidden_from_run");
        person.ShouldBe("[]", "a call from outside any run is served");
    }

    [Fact]
    public async Task AnAgentThatReadsTheTokenFromDisk_CannotApproveATaskInReview()
    {
        RequireLinuxAndCurl();
        await using var h = await ServerHarness.StartAsync();
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        var first = await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: echo done > done.txt\n---\n# Done\n\nWork.\n", "done.md"));
        await h.WaitForAsync(first.Id, "InReview");
        var output = Path.Combine(h.Home.Path, "approve.out");
        var approve = $"curl -s -X POST -H \\\"Authorization: Bearer $(cat {h.Home.TokenPath})\\\" -H 'Content-Type: application/json' -d '{{\\\"message\\\":\\\"lgtm (agent)\\\"}}' {h.Server.Url}api/tasks/{first.Id}/approve > {output}";
        var second = await h.Client.AddTaskAsync(new AddTaskRequest(null, $"---\ncommand: \"{approve}\"\n---\n# Approves\n\nApprove the other task.\n", "approves.md"));

        await h.WaitForAsync(second.Id, "InReview");

        (await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken)).ShouldContain("forbidden_from_run");
        (await h.Client.GetTaskAsync(first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Task.State.ShouldBe("InReview");
    }

    private static async Task<string> RunAsync(string script, string? mark)
    {
        var psi = new ProcessStartInfo("sh", ["-c", script]) { UseShellExecute = false, RedirectStandardOutput = true };
        if (mark is not null)
        {
            psi.Environment[ProcessMark.Variable] = mark;
        }
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return output.Trim();
    }

    private static void RequireLinuxAndCurl()
    {
        if (!OperatingSystem.IsLinux() || ExecutableSearch.FindOnPath("curl") is null)
        {
            Requirements.Missing("curl on Linux: the caller is a real process looked up through /proc");
        }
    }
}
