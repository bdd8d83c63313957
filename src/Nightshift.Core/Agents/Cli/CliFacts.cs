namespace Nightshift.Core.Agents.Cli;

/// <summary>
/// What an installed agent CLI says about itself: the version from <c>--version</c> (null when it
/// printed none Nightshift can read) and the long options <c>--help</c> lists, so a runtime passes
/// only flags this very version has.
/// </summary>
public sealed record CliFacts(Version? Version, IReadOnlySet<string> Flags)
{
    public static CliFacts Unknown { get; } = new(null, new HashSet<string>(StringComparer.Ordinal));

    public bool Has(string flag) => Flags.Contains(flag);
}
