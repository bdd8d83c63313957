using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Specs;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Tasks;

/// <summary>What adding a task checks and fills in from the agent: the model the project gives it, and a CLI too old to run it.</summary>
public sealed class TaskIntakeAgentTests : IDisposable
{
    private readonly TempDirectory _dir = new("intake-agent");

    [Fact]
    public async Task Add_WithoutAModel_TakesTheProjectsModelForTheAgent_AndTheSpecsModelWins()
    {
        await using var engine = await EngineHarness.StartAsync();
        engine.Repo.WriteFile(".nightshift/project.yml", "models:\n  claude-code: sonnet\n  codex: gpt-5\n");

        var fromProject = await engine.AddAsync("---\nagent: claude-code\n---\n# Tidy up\n\nRemove the dead code.\n");
        var fromSpec = await engine.AddAsync("---\nagent: claude-code\nmodel: opus\n---\n# Tidy up more\n\nRemove more dead code.\n");
        var unlisted = await engine.AddAsync("---\nagent: gemini\n---\n# Tidy up again\n\nRemove the rest.\n");

        fromProject.Model.ShouldBe("sonnet");
        fromSpec.Model.ShouldBe("opus");
        unlisted.Model.ShouldBeNull();
    }

    [Fact]
    public async Task Add_ForAnAgentWhoseCliIsTooOld_IsRefusedWithTheVersionsAndTheInstallCommand_AndStoresNothing()
    {
        var claude = CliStandIn.Write(_dir.Path, "claude", "2.0.1 (Claude Code)");
        await using var engine = await EngineHarness.StartAsync(configure: services =>
            services.AddSingleton(new ClaudeCodeOptions { ExecutablePath = claude, StateRoot = Path.Combine(_dir.Path, "state"), UserHome = TestUserHome.In(Path.Combine(_dir.Path, "state")) }));

        var refused = await Should.ThrowAsync<SpecValidationException>(() => engine.AddAsync("---\nagent: claude-code\n---\n# Tidy up\n\nRemove the dead code.\n"));

        var error = refused.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("agent");
        error.Message.ShouldBe($"The claude-code agent's CLI {claude} is too old: 2.0.1 found, 2.1.197 or newer needed: {ClaudeCodeAgent.InstallHint}");
        using var db = engine.Db();
        db.Tasks.ShouldBeEmpty();
        File.Exists(CliStandIn.RanMarker(claude)).ShouldBeFalse();
    }

    public void Dispose() => _dir.Dispose();
}
