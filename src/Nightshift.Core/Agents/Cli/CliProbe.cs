using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.Cli;

/// <summary>
/// Reads <see cref="CliFacts"/> from an installed CLI by running <c>--version</c> and <c>--help</c>.
/// The answer is kept per executable (its final target after symlinks, the file's size and
/// modification time), so a run pays for the two commands only when the CLI was installed or
/// replaced since the last look.
/// </summary>
public static partial class CliProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private static readonly ConcurrentDictionary<(string Path, DateTime Modified, long Size), Lazy<Task<CliFacts>>> Known = new();

    public static Task<CliFacts> ReadAsync(string executable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executable);
        var target = File.ResolveLinkTarget(executable, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(executable);
        var file = new FileInfo(target);
        if (!file.Exists)
        {
            return Task.FromResult(CliFacts.Unknown);
        }
        var key = (target, file.LastWriteTimeUtc, file.Length);
        var entry = Known.GetOrAdd(key, _ => new Lazy<Task<CliFacts>>(() => ProbeAsync(executable)));
        var facts = entry.Value;
        // A probe that failed (a CLI that hung or crashed) is asked again next time rather than remembered.
        _ = facts.ContinueWith(t => { if (!t.IsCompletedSuccessfully) { Known.TryRemove(key, out _); } }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return facts.WaitAsync(cancellationToken);
    }

    /// <summary>The first dotted version number in a <c>--version</c> answer ("2.1.197 (Claude Code)", "codex-cli 0.169.0").</summary>
    public static Version? ParseVersion(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = VersionPattern().Match(text);
        return match.Success && Version.TryParse(match.Value, out var version) ? version : null;
    }

    /// <summary>Every long option a <c>--help</c> text names.</summary>
    public static IReadOnlySet<string> ParseFlags(string help)
    {
        ArgumentNullException.ThrowIfNull(help);
        return FlagPattern().Matches(help).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<CliFacts> ProbeAsync(string executable)
    {
        // Its own empty HOME: asking a CLI about itself must not read or write the user's configuration.
        var home = Path.Combine(Path.GetTempPath(), "nightshift-cli-probe");
        Directory.CreateDirectory(home);
        // Side by side: a Node CLI can take seconds to start, and each of the two answers is its own process.
        var version = OutputAsync(executable, "--version", home);
        var help = OutputAsync(executable, "--help", home);
        return new CliFacts(ParseVersion(await version), ParseFlags(await help));
    }

    private static async Task<string> OutputAsync(string executable, string argument, string home)
    {
        var text = new StringBuilder();
        var command = new ShellCommand(ShellQuote.Exec(executable, [argument]), home)
        {
            Timeout = Limit,
            GracePeriod = TimeSpan.FromSeconds(1),
            Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = home, ["NO_COLOR"] = "1" },
        };
        await new ProcessRunner(TimeProvider.System).RunAsync(command, (line, _) =>
        {
            lock (text)
            {
                text.AppendLine(line);
            }
            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        return text.ToString();
    }

    [GeneratedRegex(@"\d+\.\d+\.\d+")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]*")]
    private static partial Regex FlagPattern();
}
