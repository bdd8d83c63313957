namespace Nightshift.Core.Processes;

/// <summary>
/// The one environment policy for every process Nightshift starts on an agent's or a check's
/// behalf: the server's own environment, less what would lead back to the server, plus the
/// variables the caller sets. An agent is untrusted code: its environment must not name the data
/// folder (where the access token lives), the server's address or a token, so the only Nightshift
/// it can reach is the run's own bridge, whose address and token its runtime sets explicitly.
/// Everything else passes (PATH, HOME, locale, proxies, the model CLIs' own API keys): agents
/// build and test, and their CLIs need their keys.
/// </summary>
public static class UntrustedEnvironment
{
    /// <summary>
    /// The prefixes of the server's variables that never reach an agent: Nightshift's own settings
    /// (NIGHTSHIFT_HOME, a URL or token exported for the CLI, each runtime's settings) and the web
    /// host's (ASPNETCORE_URLS names the server's address).
    /// </summary>
    private static readonly string[] WithheldPrefixes = ["NIGHTSHIFT_", "ASPNETCORE_"];

    /// <summary>True when the server's variable <paramref name="name"/> is kept from agents and checks.</summary>
    public static bool IsWithheld(string name) =>
        WithheldPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Turns <paramref name="environment"/> (a ProcessStartInfo's, which starts as the server's)
    /// into an agent's: the withheld variables removed, then <paramref name="variables"/> set,
    /// which win (a runtime sets its own NIGHTSHIFT_SPEC_FILE or bridge token on purpose).
    /// </summary>
    public static void ApplyTo(IDictionary<string, string?> environment, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(variables);
        foreach (var name in environment.Keys.Where(IsWithheld).ToList())
        {
            environment.Remove(name);
        }
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }
    }
}
