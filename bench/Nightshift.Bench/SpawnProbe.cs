using Nightshift.Core.Processes;

namespace Nightshift.Bench;

/// <summary>
/// The baseline for starting an agent: spawning `true` the way agents are spawned (ProcessRunner:
/// setsid sh -c, pipes, wait for exit). Measured interleaved with the engine's work.
/// </summary>
internal sealed class SpawnProbe(string folder)
{
    private readonly ProcessRunner _runner = new(TimeProvider.System);

    public Samples Samples { get; } = new("spawn `true`");

    public async Task MeasureAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        var result = await _runner.RunAsync(new ShellCommand("true", folder), (_, _) => ValueTask.CompletedTask, CancellationToken.None);
        Samples.Add(TimeProvider.System.GetElapsedTime(started));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("`true` did not exit 0");
        }
    }
}
