using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nightshift.Core.Agents;
using Nightshift.Core.Agents.Aider;
using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Agents.Codex;
using Nightshift.Core.Agents.Command;
using Nightshift.Core.Agents.Gemini;
using Nightshift.Core.Agents.OpenCode;
using Nightshift.Core.Bridge;
using Nightshift.Core.Checks;
using Nightshift.Core.Comments;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Git;
using Nightshift.Core.Merging;
using Nightshift.Core.Plans;
using Nightshift.Core.Processes;
using Nightshift.Core.Projects;
using Nightshift.Core.Reviews;
using Nightshift.Core.Runs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Core.Workspaces;
namespace Nightshift.Core.Engine;

/// <summary>Registers the engine's parts, one instance of each per process; the server and the tests share this wiring.</summary>
public static class EngineServices
{
    public static IServiceCollection AddNightshiftEngine(this IServiceCollection services, NightshiftHome home, WorkerOptions worker, TimeProvider? time = null)
    {
        var dbOptions = Database.SqliteOptions(home.DatabasePath);
        services.AddLogging();
        services.AddSingleton(dbOptions);
        services.AddSingleton<IDbContextFactory<NightshiftDb>>(new NightshiftDbFactory(dbOptions));
        services.AddSingleton(home);
        services.AddSingleton(worker);
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton<EventSignal>();
        // TryAdd: a git registered before (a test's fault-injecting wrapper) takes precedence.
        services.TryAddSingleton<GitCli>();
        services.AddSingleton<WorktreeManager>();
        services.AddSingleton<MergeEngine>();
        services.AddSingleton<ProcessRunner>();
        services.AddSingleton(sp => new Containments(home.Path, worker.NodeId, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CheckRunner(sp.GetRequiredService<ProcessRunner>(), sp.GetRequiredService<Containments>()) { TimeLimit = worker.CheckTimeLimit });
        services.AddAgentRuntimes(home);
        services.AddSingleton<TaskBoard>();
        services.AddSingleton<TaskQueries>();
        services.AddSingleton<TaskIntake>();
        services.AddSingleton<TaskControl>();
        services.AddSingleton<PlanGate>();
        services.AddSingleton<ProjectRegistry>();
        services.AddSingleton<CommentBox>();
        services.AddSingleton<FeedbackReach>();
        services.AddSingleton<FeedbackDesk>();
        services.AddSingleton<BridgeIssuer>();
        services.AddSingleton<Inbox.InboxQuery>();
        services.AddSingleton<Board.BoardQuery>();
        services.AddSingleton<ActiveRuns>();
        services.AddSingleton<RunFence>();
        services.AddSingleton<RunWorkspace>();
        services.AddSingleton<RunOutcomes>();
        services.AddSingleton<DiskGuard>();
        services.AddSingleton<StoreCheckpoint>();
        services.AddSingleton<TaskClaims>();
        services.AddSingleton<NodeRegistry>();
        services.AddSingleton<QueueHolds>();
        services.AddSingleton<OrphanedAgents>();
        services.AddSingleton<Reaper>();
        services.AddSingleton<AgentStateSweep>();
        services.AddSingleton<NodeHeartbeat>();
        services.AddSingleton(sp => new RunExecutor(
            sp.GetRequiredService<RunFence>(),
            sp.GetRequiredService<RunWorkspace>(),
            sp.GetRequiredService<AgentCatalog>(),
            sp.GetRequiredService<CheckRunner>(),
            sp.GetRequiredService<ActiveRuns>(),
            sp.GetRequiredService<RunOutcomes>())
        {
            StopGracePeriod = worker.StopGracePeriod,
            FixupTurns = worker.FixupTurns,
            CheckpointInterval = worker.CheckpointInterval,
            FeedbackDesk = sp.GetRequiredService<FeedbackDesk>(),
            Bridges = sp.GetRequiredService<BridgeIssuer>(),
            Processes = sp.GetRequiredService<Containments>(),
            OutputLimits = worker.Output,
            OutputFile = home.RunOutputPath,
            Ports = worker.Ports,
        });
        services.AddSingleton<Worker>();
        services.AddSingleton<MergeGate>();
        services.AddSingleton<MergeQueue>();
        services.AddSingleton<ReviewDesk>();
        services.AddSingleton<TaskDiff>();
        return services;
    }

    /// <summary>
    /// Every agent runtime, their catalog and the inventory `nightshift agents` reports: the server
    /// registers them here, and the CLI alone (no server running) the same way, so both report
    /// what a run on this machine would use. Needs a <see cref="TimeProvider"/> and a <see cref="ProcessRunner"/>.
    /// </summary>
    public static IServiceCollection AddAgentRuntimes(this IServiceCollection services, NightshiftHome home)
    {
        services.AddSingleton<IAgentRuntime, CommandAgent>();
        services.AddBuiltInAgent();
        services.AddClaudeCodeAgent(home);
        services.AddCodexAgent(home);
        services.AddGeminiAgent(home);
        services.AddOpenCodeAgent(home);
        services.AddAiderAgent(home);
        services.AddSingleton(sp => new AgentCatalog(sp.GetServices<IAgentRuntime>()));
        services.AddSingleton<AgentInventory>();
        return services;
    }
}
