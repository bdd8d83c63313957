using Nightshift.Core.Agents.Aider;
using Nightshift.Testing;

namespace Nightshift.Core.Tests.Agents.Aider;

/// <summary>
/// A small shell script that behaves like <c>aider</c> for the flags Nightshift uses: it reads the
/// message file, logs its arguments and each message, appends a line to notes.txt and prints
/// aider's report lines. Aider is a Python tool that cannot be installed here, so the adapter is
/// tested against this. A message with SLOW makes the first turn wait (so a steer can arrive
/// mid-turn); one with HANG never ends.
/// </summary>
internal sealed class AiderStandIn : IDisposable
{
    private const string Script = """
        #!/bin/sh
        log="$AIDER_STANDIN_LOG"
        echo "ARGS $*" >> "$log"
        message_file=""
        while [ $# -gt 0 ]; do
          case "$1" in
            --version) echo "aider 0.86.1"; exit 0 ;;
            --message-file) message_file="$2"; shift 2 ;;
            *) shift ;;
          esac
        done
        message=$(cat "$message_file")
        printf 'MESSAGE %s\nEND\n' "$message" >> "$log"
        echo "Aider v0.86.1"
        echo "Main model: openai/scripted with whole edit format"
        echo "Git repo: .git with 1 files"
        case "$message" in *SLOW*)
          if [ ! -f "$log.slow-done" ]; then touch "$log.started"; sleep 3; touch "$log.slow-done"; fi ;;
        esac
        case "$message" in *HANG*) touch "$log.started"; sleep 600 ;; esac
        echo "line from aider" >> notes.txt
        echo "I added a line to notes.txt."
        echo ""
        echo "notes.txt"
        echo "Applied edit to notes.txt"
        echo "Tokens: 1.2k sent, 35 received. Cost: \$0.01 message, \$0.02 session."
        """;

    private readonly TempDirectory _folder = new("aider-standin");

    public AiderStandIn()
    {
        ExecutablePath = _folder.Combine("aider");
        File.WriteAllText(ExecutablePath, Script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(ExecutablePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        File.WriteAllText(LogPath, string.Empty);
    }

    public string ExecutablePath { get; }

    public string LogPath => _folder.Combine("aider.log");

    /// <summary>Exists once a SLOW or HANG turn has started.</summary>
    public string StartedPath => LogPath + ".started";

    public string StatePath => _folder.Combine("state");

    public string Log => File.ReadAllText(LogPath);

    /// <summary>The messages each turn was given, in order.</summary>
    public IReadOnlyList<string> Messages =>
        Log.Split("MESSAGE ", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(m => m[..m.LastIndexOf("\nEND", StringComparison.Ordinal)]).ToList();

    public AiderOptions Options(Uri? baseUrl = null) => new()
    {
        ExecutablePath = ExecutablePath,
        StateRoot = StatePath,
        UserHome = TestUserHome.In(StatePath),
        BaseUrl = baseUrl,
        Environment = new Dictionary<string, string> { ["AIDER_STANDIN_LOG"] = LogPath, ["OPENAI_API_KEY"] = "sk-standin-secret" },
    };

    public async Task WaitUntilStartedAsync(CancellationToken cancellationToken)
    {
        while (!File.Exists(StartedPath))
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    public void Dispose() => _folder.Dispose();
}
