using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents;
using Nightshift.Core.Agents.Cli;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Engine;
using Nightshift.Core.Storage;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents;

public sealed class StateRootTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(12345)]
    public void TaskOfState_ReadsBackTheTaskOfTheFolderTaskStateNames(long task) =>
        CliAgent.TaskOfState(Path.GetFileName(CliAgent.TaskState("/state", task))).ShouldBe(task);

    [Theory]
    [InlineData("task-")]
    [InlineData("task-07")]
    [InlineData("task-+7")]
    [InlineData("task-7x")]
    [InlineData("Task-7")]
    [InlineData("shared-cache")]
    public void TaskOfState_OfAFolderTaskStateNeverNames_IsNull(string name) =>
        CliAgent.TaskOfState(name).ShouldBeNull();

    [Fact]
    public async Task TheCatalog_ListsTheStateRootOfEachCliRuntime_UnderTheDataFolder()
    {
        using var dir = new TempDirectory("home");
        var home = new NightshiftHome(dir.Path);
        await using var services = new ServiceCollection().AddNightshiftEngine(home, new WorkerOptions()).BuildServiceProvider();

        var roots = services.GetRequiredService<AgentCatalog>().StateRoots;

        roots.Select(r => r.Agent).ShouldBe(["claude-code", "codex", "gemini", "opencode", "aider"], ignoreOrder: true);
        roots.ShouldAllBe(r => Path.GetDirectoryName(r.Root) == home.Path);
    }
}
