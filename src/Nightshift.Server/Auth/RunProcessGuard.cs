using System.Globalization;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Nightshift.Core.Processes;

namespace Nightshift.Server.Auth;

/// <summary>
/// Refuses a call made from inside a run. An agent runs as the user's own OS user, so it can read
/// the access token from the data folder by path; what it cannot hide is that its process (or one
/// of its ancestors) carries its run's mark or sits in its run's cgroup. The process at the other
/// end of the connection is looked up in /proc, once per connection, and a call from an agent's or
/// a check's process, or from a local process that cannot be told, is refused. Only the run's own
/// bridge is open to its agent.
/// </summary>
internal static class RunProcessGuard
{
    private static readonly object CacheKey = typeof(RunProcessGuard);

    /// <summary>
    /// Why the call is refused, or null when it comes from outside every run. A holder that hides
    /// its /proc entries is refused on the API and the control server (the CLI and scripts never
    /// hide), but let through to the dashboard, where a sandboxed browser process may hold the
    /// connection; the dashboard takes its own sign-in besides.
    /// </summary>
    public static string? Refusal(HttpContext context, bool api)
    {
        // No address means no socket: an in-memory test server, not a process that could be an agent.
        if (!OperatingSystem.IsLinux() || context.Connection.RemoteIpAddress is null)
        {
            return null;
        }
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is not null && items.TryGetValue(CacheKey, out var cached))
        {
            return (string?)cached;
        }
        var peer = SocketPeer.Find(context.Connection.RemotePort, context.Connection.LocalPort);
        var refusal = peer.Kind == SocketPeer.Kind.Hidden && !api ? null : Decide(peer);
        // Kept for the connection only when it names a holder: a connection whose holder could not be told is looked up again.
        if (items is not null && peer.Kind != SocketPeer.Kind.Hidden && refusal is null)
        {
            items[CacheKey] = refusal;
        }
        return refusal;
    }

    private static string? Decide(SocketPeer.Found peer) => peer.Kind switch
    {
        SocketPeer.Kind.Held when peer.Pids.FirstOrDefault(ProcessMark.IsContained) is var pid and > 0 => string.Create(CultureInfo.InvariantCulture,
            $"This call comes from process {pid}, which an agent or a check started: a run may not act on Nightshift (approve, merge, answer or change tasks). An agent talks to Nightshift only through its run's bridge; a person acts from outside any run."),
        SocketPeer.Kind.Closed =>
            "Nightshift could not tell which process made this call (it closed its connection without waiting for the answer), so it is refused: a call from inside a run may not act on Nightshift. Send the call again and wait for its answer.",
        SocketPeer.Kind.Hidden =>
            "Nightshift could not tell which process made this call (its process keeps its /proc entries to itself), so it is refused: a call from inside a run may not act on Nightshift. Call from an ordinary process.",
        _ => null,
    };
}
