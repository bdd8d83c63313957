using Nightshift.Core.Processes;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Processes;

/// <summary>An agent's or a check's environment names no way back to the server but its own bridge.</summary>
public sealed class UntrustedEnvironmentTests
{
    [Fact]
    public void ApplyTo_WithholdsTheServersNightshiftAndWebHostVariables_KeepsTheRest_AndSetsTheRunsOwn()
    {
        var environment = new Dictionary<string, string?>
        {
            ["NIGHTSHIFT_HOME"] = "/home/me/.nightshift",
            ["NIGHTSHIFT_URL"] = "http://127.0.0.1:7433",
            ["NIGHTSHIFT_TOKEN"] = "secret",
            ["nightshift_home"] = "/lower/case",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:7433",
            ["PATH"] = "/usr/bin",
            ["HOME"] = "/home/me",
            ["ANTHROPIC_API_KEY"] = "the CLI's own key",
        };

        UntrustedEnvironment.ApplyTo(environment, new Dictionary<string, string> { ["NIGHTSHIFT_SPEC_FILE"] = "/spec.md", ["NIGHTSHIFT_RUN_MARK"] = "m" });

        environment.Keys.Order(StringComparer.Ordinal).ShouldBe(["ANTHROPIC_API_KEY", "HOME", "NIGHTSHIFT_RUN_MARK", "NIGHTSHIFT_SPEC_FILE", "PATH"]);
    }

    [Fact]
    public async Task AnAgentAndItsChecks_DoNotSeeTheServersNightshiftVariables()
    {
        var probe = $"NIGHTSHIFT_PROBE_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(probe, "the server's own");
        try
        {
            await using var engine = await EngineHarness.StartAsync();
            var task = await engine.AddAsync($"---\ncommand: \"env > agent-env.txt\"\nchecks:\n  - \"env > ../check-env.txt\"\n---\n# Env\n\nShow the environment.\n");
            engine.StartWorker();

            var done = await engine.WaitForAsync(task.Id, TaskState.InReview);

            var agent = engine.Repo.Git("show", $"{done.Branch}:agent-env.txt");
            agent.ShouldNotContain(probe);
            agent.ShouldContain("NIGHTSHIFT_SPEC_FILE=");
            agent.ShouldContain("NIGHTSHIFT_RUN_MARK=");
            agent.ShouldContain("PATH=");
            var check = await File.ReadAllTextAsync(Path.Combine(done.WorktreePath!, "..", "check-env.txt"));
            check.ShouldNotContain(probe);
            check.ShouldContain("NIGHTSHIFT_RUN_MARK=");
        }
        finally
        {
            Environment.SetEnvironmentVariable(probe, null);
        }
    }
}
