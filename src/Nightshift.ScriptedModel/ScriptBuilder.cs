namespace Nightshift.ScriptedModel;

/// <summary>
/// Builds a <see cref="Script"/> rule by rule:
/// <code>
/// Script.Create()
///     .OnRequest(1).CallTool("read_file", new { path = "notes.txt" })
///     .WhenToolResult("hello").Say("Done.").Once()
///     .Build();
/// </code>
/// </summary>
public sealed class ScriptBuilder
{
    private readonly List<RuleBuilder> _rules = [];

    /// <summary>Starts a rule that replies when <paramref name="match"/> holds.</summary>
    public RuleBuilder When(RequestMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var rule = new RuleBuilder(this, match);
        _rules.Add(rule);
        return rule;
    }

    public RuleBuilder OnRequest(int number) => When(RequestMatch.RequestNumber(number));

    public RuleBuilder WhenLastUser(string text) => When(RequestMatch.LastUserContains(text));

    public RuleBuilder WhenToolResult(string text) => When(RequestMatch.LastToolResultContains(text));

    public RuleBuilder WhenAnyMessage(string text) => When(RequestMatch.AnyMessageContains(text));

    public RuleBuilder Always() => When(RequestMatch.Always);

    public Script Build() => new(_rules.Select(r => r.ToRule()).ToList());
}
