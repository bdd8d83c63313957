using Nightshift.Client;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Mcp;

public sealed class BridgeAtStartTests
{
    private const string BridgeTool = "mcp__nightshift__report_progress";

    [Fact]
    public async Task ATaskLeftQueuedWhileTheServerWasDown_GetsItsBridgeWhenClaimedAtStart()
    {
        Requirements.Executable("claude", ClaudeCodeAgent.InstallHint);
        // The model keeps every run busy, so the task is still running when the server stops.
        var script = Script.Create().Always().Delay(TimeSpan.FromMinutes(10)).Say("done").Build();
        await using var model = await ScriptedModelServer.StartAsync(script, cancellationToken: TestContext.Current.CancellationToken);
        using var state = new TempDirectory("claude-state");
        await using var h = await ClaudeCodeBridgeTests.StartAsync(model, state);
        await h.Client.RegisterProjectAsync(h.Repo.Path, TestContext.Current.CancellationToken);
        await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\nagent: claude-code\n---\n# Wait\n\n[start] Hold on.\n", "t.md"), TestContext.Current.CancellationToken);
        await model.WaitForRequestsAsync(1, TestContext.Current.CancellationToken);
        var before = model.Requests.Count;

        // Shutdown interrupts the run and queues the task again; the next start claims it at once.
        await h.RestartAsync();
        await model.WaitForRequestsAsync(before + 1, TestContext.Current.CancellationToken);

        // Claude Code lists the bridge's tools in every request of a session that has the bridge.
        var runs = model.Requests.Where(r => r.Contains("[start]")).ToList();
        runs.Count.ShouldBeGreaterThanOrEqualTo(2);
        runs.Count(r => !r.BodyJson.Contains(BridgeTool, StringComparison.Ordinal)).ShouldBe(0, "a run went without its bridge");
        model.Requests.Skip(before).Any(r => r.Contains("[start]")).ShouldBeTrue("the task was not claimed again after the restart");
    }
}
