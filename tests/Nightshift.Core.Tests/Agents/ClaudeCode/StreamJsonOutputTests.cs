using Nightshift.Core.Agents;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.ClaudeCode;

public sealed class StreamJsonOutputTests
{
    [Fact]
    public void Read_MapsInitAssistantToolResultAndResultLines_ToNormalisedEvents()
    {
        var output = new StreamJsonOutput();

        var init = output.Read("""{"type":"system","subtype":"init","session_id":"s-1","tools":["Bash"]}""").Events;
        var assistant = output.Read("""{"type":"assistant","session_id":"s-1","message":{"content":[{"type":"text","text":" Running it. "},{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"make test"}}]}}""").Events;
        var user = output.Read("""{"type":"user","session_id":"s-1","message":{"content":[{"type":"tool_result","tool_use_id":"t1","is_error":true,"content":"make: no rule"}]}}""").Events;
        var (result, ended) = output.Read("""{"type":"result","subtype":"success","is_error":false,"session_id":"s-1","result":"Done.","total_cost_usd":0.25,"usage":{"input_tokens":100,"cache_read_input_tokens":20,"output_tokens":10}}""");

        init.ShouldHaveSingleItem().ShouldBe(new AgentEvent(AgentEventKind.Session, "s-1"));
        assistant.Select(e => (e.Kind, e.Text)).ShouldBe([(AgentEventKind.Message, "Running it."), (AgentEventKind.ToolCall, "Bash: make test")]);
        user.ShouldHaveSingleItem().ShouldBe(AgentEvent.ToolResult("make: no rule", isError: true));
        ended.ShouldBeTrue();
        result.ShouldHaveSingleItem().ShouldBe(AgentEvent.Usage(120, 10, 0.25m));
        output.SessionId.ShouldBe("s-1");
        output.LastResult.ShouldBe(new ClaudeResult(false, "success", "Done."));
    }

    [Fact]
    public void Read_ASecondResult_CountsItsOwnTurnAndTheGrowthOfTheTotalCost()
    {
        var output = new StreamJsonOutput();
        output.Read("""{"type":"result","subtype":"success","result":"a","total_cost_usd":0.5,"usage":{"input_tokens":100,"output_tokens":10}}""");

        var (events, _) = output.Read("""{"type":"result","subtype":"success","result":"b","total_cost_usd":0.75,"usage":{"input_tokens":150,"output_tokens":20}}""");

        events.ShouldHaveSingleItem().ShouldBe(AgentEvent.Usage(150, 20, 0.25m));
    }

    [Fact]
    public void Read_AResultWithUsageSinceTheLastResult_AddsUpEveryModel()
    {
        var output = new StreamJsonOutput();

        var (events, _) = output.Read("""
            {"type":"result","subtype":"success","result":"a","total_cost_usd":9,"usage":{"input_tokens":1,"output_tokens":1},
             "model_usage_since_last_result":{"big":{"inputTokens":100,"cacheReadInputTokens":5,"outputTokens":10,"costUSD":0.5},
                                              "small":{"inputTokens":20,"outputTokens":2,"costUSD":0.01}}}
            """.ReplaceLineEndings(string.Empty));

        events.ShouldHaveSingleItem().ShouldBe(AgentEvent.Usage(125, 12, 0.51m));
    }

    [Fact]
    public void Read_AnErrorResult_IsRememberedAsFailed()
    {
        var output = new StreamJsonOutput();

        output.Read("""{"type":"result","subtype":"error_during_execution","is_error":true,"errors":["API Error: 400 no rule matched"]}""");

        output.LastResult.ShouldBe(new ClaudeResult(true, "error_during_execution", "API Error: 400 no rule matched"));
    }

    [Fact]
    public void Read_ALineThatIsNotJson_PassesThroughAsOutput()
    {
        new StreamJsonOutput().Read("warning: something").Events.ShouldHaveSingleItem().ShouldBe(AgentEvent.Output("warning: something"));
    }

    [Fact]
    public async Task Run_WithoutTheExecutable_FailsSayingHowToInstallIt()
    {
        using var state = new Nightshift.Testing.TempDirectory("claude-state");
        var agent = new ClaudeCodeAgent(new ClaudeCodeOptions { ExecutablePath = null, StateRoot = state.Path, UserHome = TestUserHome.In(state.Path) }, TimeProvider.System);
        var request = new AgentRunRequest
        {
            TaskId = 1,
            RunId = 1,
            Attempt = 1,
            WorktreePath = state.Path,
            Prompt = "hi",
            SpecFilePath = "spec.md",
            Feedback = NoFeedback.Instance,
        };

        var outcome = await agent.RunAsync(request, _ => ValueTask.CompletedTask, TestContext.Current.CancellationToken);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Error!.ShouldContain(ClaudeCodeAgent.InstallHint);
    }
}
