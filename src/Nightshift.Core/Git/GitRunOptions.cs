namespace Nightshift.Core.Git;

/// <summary>
/// Extra input for one git command: text written to its standard input, and environment variables
/// set on top of the hardened environment (a null value removes the variable).
/// </summary>
public sealed record GitRunOptions
{
    public static GitRunOptions None { get; } = new();

    public string? StandardInput { get; init; }

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Extra <c>-c key=value</c> settings, placed after the hardening ones.</summary>
    public IReadOnlyList<string> Config { get; init; } = [];

    /// <summary>Set for a <see cref="SealedGitDirectory"/>, whose config the engine wrote: no driver scan needed.</summary>
    internal bool EngineOwnedConfig { get; init; }
}
