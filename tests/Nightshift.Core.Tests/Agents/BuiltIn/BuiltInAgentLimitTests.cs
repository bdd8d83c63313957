using Nightshift.Core.Agents;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.BuiltIn;

/// <summary>Bounds, queued feedback, failures of the model and cancellation: how a run ends.</summary>
public sealed class BuiltInAgentLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MaxSteps_WhenExceeded_FailsWithTheReason()
    {
        var script = Script.Create().Always().CallTool("list_files", new { }).Build();
        await using var harness = await AgentHarness.StartAsync(script, o => o with { MaxSteps = 3 });

        var outcome = await harness.RunAsync("Loop forever.", Ct);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Cancelled.ShouldBeFalse();
        outcome.Error.ShouldBe("the built-in agent stopped after 3 model calls without finishing: MaxSteps is 3");
        outcome.SessionId.ShouldBe("builtin-1-2");
        harness.Server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task MaxTokens_WhenExceeded_FailsBeforeTheNextModelCall()
    {
        var script = Script.Create().Always().CallTool("list_files", new { }).Usage(600, 100).Build();
        await using var harness = await AgentHarness.StartAsync(script, o => o with { MaxTokens = 1000 });

        var outcome = await harness.RunAsync("Spend.", Ct);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Error.ShouldBe("the built-in agent stopped after using 1400 tokens without finishing: MaxTokens is 1000");
        harness.Server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task QueuedComment_ContinuesTheSessionForOneMoreTurn()
    {
        var feedback = new FakeFeedback();
        feedback.Queue("Also add a line to the README.");
        var script = Script.Create()
            .OnRequest(1).Say("Done.")
            .WhenLastUser("Also add a line to the README.").CallTool("write_file", new { path = "README.md", content = "# notes\n" }).Once()
            .OnRequest(3).CallTool("finish", new { summary = "Added the README line." })
            .Build();
        await using var harness = await AgentHarness.StartAsync(script, feedback: feedback);

        var outcome = await harness.RunAsync("Do the thing.", Ct);

        outcome.Succeeded.ShouldBeTrue(outcome.Error);
        outcome.Summary.ShouldBe("Added the README line.");
        harness.Read("README.md").ShouldBe("# notes\n");
        harness.Server.Requests.Count.ShouldBe(3);
        harness.Server.Requests[1].LastMessage!.Role.ShouldBe("user");
        harness.Server.Requests[1].LastMessage!.Text.ShouldContain("Feedback from the developer");
        feedback.QueuedCalls.ShouldBe(2);
    }

    [Fact]
    public async Task SteerArrivingAsTheModelFinishes_IsDeliveredInsteadOfFinishing()
    {
        var feedback = new FakeFeedback();
        feedback.SteerOnCall[1] = "Wait, also check the tests.";
        var script = Script.Create()
            .OnRequest(1).CallTool("finish", new { summary = "first try" })
            .WhenLastUser("also check the tests").CallTool("finish", new { summary = "checked the tests too" })
            .Build();
        await using var harness = await AgentHarness.StartAsync(script, feedback: feedback);

        var outcome = await harness.RunAsync("Go.", Ct);

        outcome.Summary.ShouldBe("checked the tests too");
        harness.Server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ModelError_FailsTheRunWithTheServersMessage()
    {
        var script = Script.Create().WhenLastUser("something else").Say("never").Build();
        await using var harness = await AgentHarness.StartAsync(script);

        var outcome = await harness.RunAsync("Unexpected prompt.", Ct);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Error.ShouldNotBeNull();
        outcome.Error.ShouldStartWith("model call 1 failed: ");
        outcome.Error.ShouldContain("No script rule matched request #1");
    }

    [Fact]
    public async Task Cancellation_WhileWaitingForTheModel_StopsTheRun()
    {
        var script = Script.Create().Always().Say("too late").Delay(TimeSpan.FromMinutes(10)).Build();
        await using var harness = await AgentHarness.StartAsync(script);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = harness.RunAsync("Wait.", cts.Token);
        await harness.Server.WaitForRequestsAsync(1, Ct);
        await cts.CancelAsync();
        // A guard against a hang, not a timing assertion: a run that ignores cancellation fails here.
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        outcome.Cancelled.ShouldBeTrue();
        outcome.Succeeded.ShouldBeFalse();
        outcome.SessionId.ShouldBe("builtin-1-2");
    }

    [Fact]
    public async Task Cancellation_WhileACommandRuns_StopsTheCommandAndTheRun()
    {
        var script = Script.Create()
            .OnRequest(1).CallTool("run_command", new { command = "echo $$ > pid.txt; echo started; sleep 60" })
            .Always().Say("should not be asked")
            .Build();
        await using var harness = await AgentHarness.StartAsync(script);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.OnEvent = e =>
        {
            if (e is { Kind: AgentEventKind.Output, Text: "started" })
            {
                started.TrySetResult();
            }
        };

        var run = harness.RunAsync("Run something long.", cts.Token);
        await started.Task.WaitAsync(Ct);
        await cts.CancelAsync();
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        outcome.Cancelled.ShouldBeTrue();
        harness.Server.Requests.Count.ShouldBe(1);
        var pid = int.Parse(harness.Read("pid.txt").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        (await Nightshift.Testing.Processes.GoneAsync(pid)).ShouldBeTrue();
    }
}
