namespace Nightshift.ScriptedModel;

/// <summary>
/// What the scripted model answers: rules tried in order, the first match wins. Build one in C#
/// with <see cref="Create"/> or load one from a file with <see cref="ScriptFile"/>.
/// </summary>
public sealed class Script(IReadOnlyList<ScriptRule> rules)
{
    public IReadOnlyList<ScriptRule> Rules { get; } = rules;

    public static ScriptBuilder Create() => new();
}
