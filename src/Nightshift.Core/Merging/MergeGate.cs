using Nightshift.Core.Checks;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Merging;

/// <summary>
/// The test gate: runs the project's checks on a merge result before the target may move to it.
/// The commit's files are exported into a temporary folder with `git archive` (no checkout, so
/// no filter or hook of the repository runs), checked, and the folder removed. Its checks get the
/// port block kept for the gate, so a check that starts a server on NIGHTSHIFT_PORT_BASE runs here
/// as it did in the task's run.
/// </summary>
public sealed class MergeGate(CheckRunner checks, ProcessRunner processes, Storage.NightshiftHome home, Dispatch.WorkerOptions worker)
{
    /// <summary>Null when every check passed on <paramref name="commit"/>; otherwise which check failed and how.</summary>
    public async Task<(string? Refusal, IReadOnlyList<CheckResult> Results)> RunAsync(string repoPath, string commit, IReadOnlyList<string> commands, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            return (null, []);
        }
        var folder = Path.Combine(home.Path, "gates", $"{commit[..12]}-{Guid.NewGuid():N}"[..30]);
        Directory.CreateDirectory(folder);
        try
        {
            var export = await processes.RunAsync(
                new ShellCommand($"git archive --format=tar {commit} | tar -x -C '{folder}'", repoPath) { Timeout = TimeSpan.FromMinutes(5) },
                (_, _) => ValueTask.CompletedTask,
                cancellationToken);
            if (!export.Succeeded)
            {
                return ($"could not export the merge result {commit[..12]} for the test gate", []);
            }
            var results = new List<CheckResult>();
            foreach (var command in commands)
            {
                var result = await checks.RunAsync(command, folder, commit, worker.Ports.Variables(worker.Ports.GateBase), cancellationToken);
                results.Add(result);
                if (!result.Passed)
                {
                    var how = result.TimedOut ? "timed out" : $"exit {result.ExitCode}";
                    return ($"the test gate failed on the merge result {commit[..12]}: `{command}` ({how})", results);
                }
            }
            return (null, results);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A check left a process holding a file; the folder is under the data folder and harmless.
            }
        }
    }
}
