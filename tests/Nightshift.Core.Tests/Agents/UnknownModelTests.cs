using Nightshift.Core.Agents.Gemini;
using Nightshift.Core.Agents.OpenCode;
using Nightshift.Core.Processes;
using Nightshift.Core.Tests.Agents.ClaudeCode;
using Nightshift.Core.Tests.Agents.Codex;
using Nightshift.Core.Tests.Agents.Gemini;
using Nightshift.Core.Tests.Agents.OpenCode;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents;

/// <summary>
/// A model the service does not have (the scripted server answers it as the real service words it):
/// each real CLI fails the run with that error; none quietly runs another model.
/// </summary>
public sealed class UnknownModelTests
{
    private const string Unknown = UnknownModels.Prefix + "model";
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);

    private static Script Answering => Script.Create().Always().Say("Answered by a model that should not exist.").Build();

    [Fact]
    public async Task ClaudeCode_WithAnUnknownModel_FailsWithTheServicesError()
    {
        await using var run = await ClaudeHarness.StartAsync(Answering);
        run.Model = Unknown;
        using var limit = Limit();

        var outcome = await run.RunAsync("Say hello.", limit.Token);

        outcome.Succeeded.ShouldBeFalse(run.Story());
        outcome.Cancelled.ShouldBeFalse(run.Story());
        outcome.Error.ShouldNotBeNull().ShouldContain($"issue with the selected model ({Unknown})", Case.Sensitive, run.Story());
        run.Server.Requests.ShouldBeEmpty("no other model answered");
    }

    [Fact]
    public async Task Codex_WithAnUnknownModel_FailsWithTheServicesError()
    {
        await using var run = await CodexHarness.StartAsync(Answering);
        run.Model = Unknown;
        using var limit = Limit();

        var outcome = await run.RunAsync("Say hello.", limit.Token);

        outcome.Succeeded.ShouldBeFalse(run.Story());
        outcome.Cancelled.ShouldBeFalse(run.Story());
        outcome.Error.ShouldNotBeNull().ShouldContain($"The model `{Unknown}` does not exist", Case.Sensitive, run.Story());
        run.Server.Requests.ShouldBeEmpty("no other model answered");
    }

    [Fact]
    public async Task Gemini_WithAnUnknownModel_FailsWithTheServicesError()
    {
        var gemini = AgentClis.Require(AgentClis.Gemini, "gemini", GeminiAgent.InstallHint);
        await using var run = await CliAgentHarness.StartAsync(Answering, (server, state) => new GeminiAgent(GeminiHarness.Options(server, state) with { ExecutablePath = gemini }, new ProcessRunner(TimeProvider.System)), Unknown);
        using var limit = Limit();

        var outcome = await run.RunAsync("Say hello.", limit.Token);

        outcome.Succeeded.ShouldBeFalse(run.Story());
        outcome.Cancelled.ShouldBeFalse(run.Story());
        outcome.Error.ShouldNotBeNull().ShouldContain($"models/{Unknown} is not found", Case.Sensitive, run.Story());
        run.Server.Requests.ShouldBeEmpty("no other model answered");
    }

    [Fact]
    public async Task OpenCode_WithAnUnknownModel_FailsWithTheServicesError()
    {
        var opencode = AgentClis.Require(AgentClis.OpenCode, "opencode", OpenCodeAgent.InstallHint);
        await using var run = await CliAgentHarness.StartAsync(Answering, (server, state) => new OpenCodeAgent(OpenCodeHarness.Options(server, state) with { ExecutablePath = opencode }, new ProcessRunner(TimeProvider.System)), Unknown);
        using var limit = Limit();

        var outcome = await run.RunAsync("Say hello.", limit.Token);

        outcome.Succeeded.ShouldBeFalse(run.Story());
        outcome.Cancelled.ShouldBeFalse(run.Story());
        outcome.Error.ShouldNotBeNull().ShouldContain($"The model `{Unknown}` does not exist", Case.Sensitive, run.Story());
        run.Server.Requests.ShouldBeEmpty("no other model answered");
    }

    private static CancellationTokenSource Limit()
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);
        return limit;
    }
}
