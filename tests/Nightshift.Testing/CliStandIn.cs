namespace Nightshift.Testing;

/// <summary>
/// A tiny executable in place of an agent CLI: it answers <c>--version</c> and <c>--help</c> as the
/// real one would, and for anything else records that it was run (in <see cref="RanMarker"/>) and
/// fails the way an old CLI meets a flag it lacks. For tests where the real CLI must never run.
/// </summary>
public static class CliStandIn
{
    public static string Write(string folder, string name, string versionLine, string help = "Usage: cli [options]\n  --print  print and exit\n")
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, $"""
            #!/bin/sh
            case "$1" in
              --version) printf '%s\n' '{versionLine}' ;;
              --help) cat <<'HELP'
            {help.TrimEnd('\n')}
            HELP
              ;;
              *) echo ran >> "$0.ran"; echo "error: unknown option '$1'" >&2; exit 1 ;;
            esac

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    /// <summary>The file the stand-in writes when it is run for anything but <c>--version</c> or <c>--help</c>.</summary>
    public static string RanMarker(string path) => path + ".ran";
}
