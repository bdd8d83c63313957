using System.Collections.Concurrent;

namespace Nightshift.Core.Git;

/// <summary>
/// One gate per repository (keyed by its common git directory) and purpose, for this process.
/// Concurrent <c>git worktree add</c> calls fight over the same lock files, and concurrent merges
/// into one target would only spin on compare-and-swap; both queue here instead.
/// </summary>
internal static class RepositoryLocks
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static async Task<IDisposable> EnterAsync(string commonDir, string purpose, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd($"{purpose}\n{GitPaths.Normalize(commonDir)}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new LockHandle(gate);
    }

    private sealed class LockHandle(SemaphoreSlim gate) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
