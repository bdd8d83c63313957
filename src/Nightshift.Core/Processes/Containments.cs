using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Nightshift.Core.Processes;

/// <summary>
/// The containments of one node: it makes one per run and per check, knows which are live, stops
/// what a run or a previous process of this node left behind, and tells whether a process was
/// started by an agent or a check at all. Marks are <c>scope.kind.random</c>, where the scope
/// names the data folder and the node, so a node never touches another Nightshift's processes.
/// </summary>
public sealed class Containments(string home, string nodeId, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Containment> _live = new(StringComparer.Ordinal);
    private readonly string _scope = ScopeFor(home, nodeId);

    /// <summary>Whether to hold processes in a cgroup per containment where the machine allows; the marks are kept either way.</summary>
    public bool UseControlGroups { get; init; } = true;

    /// <summary>The scope of a node: a digest of its data folder and its name (marks must be safe in a file name).</summary>
    private static string ScopeFor(string home, string nodeId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(home) + "\n" + nodeId)))[..16];

    /// <summary>A containment for one run of an agent.</summary>
    public Containment ForRun(long runId) => Create(string.Create(CultureInfo.InvariantCulture, $"run-{runId}."));

    /// <summary>A containment for one check command.</summary>
    public Containment ForCheck() => Create("check.");

    /// <summary>
    /// Stops what run <paramref name="runId"/> of node <paramref name="runNodeId"/> left running on
    /// this machine (a dead node's, or this node's previous process's); returns how many processes.
    /// </summary>
    public Task<int> StopRunAsync(string runNodeId, long runId, TimeSpan grace)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{ScopeFor(home, runNodeId)}.run-{runId}.");
        return LeftoverStop.StopAsync(m => m.StartsWith(prefix, StringComparison.Ordinal) && !_live.ContainsKey(m), [.. ControlGroup.Existing(prefix)], grace, time, removeGroups: true);
    }

    /// <summary>
    /// On start: stops every process a previous process of this node left (agents of runs that
    /// were running, checks of a merge gate), those of live containments excepted.
    /// </summary>
    public Task<int> StopLeftoversAsync(TimeSpan grace) =>
        LeftoverStop.StopAsync(
            m => m.StartsWith(_scope + ".", StringComparison.Ordinal) && !_live.ContainsKey(m),
            [.. ControlGroup.Existing(_scope + ".").Where(g => !_live.Keys.Any(m => g.Path.EndsWith(ControlGroup.NamePrefix + m, StringComparison.Ordinal)))],
            grace,
            time,
            removeGroups: true);

    private Containment Create(string kind)
    {
        var mark = $"{_scope}.{kind}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var containment = new Containment(mark, UseControlGroups ? ControlGroup.TryCreate(mark) : null, c => _live.TryRemove(c.Mark, out _), time);
        _live[mark] = containment;
        return containment;
    }
}
