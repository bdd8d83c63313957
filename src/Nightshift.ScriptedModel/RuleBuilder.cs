using System.Text.Json;

namespace Nightshift.ScriptedModel;

/// <summary>One rule being built; the turn methods add to its reply, the <c>When…</c> methods start the next rule.</summary>
public sealed class RuleBuilder
{
    private readonly ScriptBuilder _script;
    private readonly RequestMatch _match;
    private readonly List<ScriptedToolCall> _toolCalls = [];
    private string? _text;
    private TimeSpan _delay;
    private ScriptedUsage? _usage;
    private bool _once;
    private ScriptedLimit? _limit;

    internal RuleBuilder(ScriptBuilder script, RequestMatch match)
    {
        _script = script;
        _match = match;
    }

    /// <summary>The reply's assistant text; called again, the texts are joined.</summary>
    public RuleBuilder Say(string text)
    {
        _text = _text is null ? text : _text + text;
        return this;
    }

    /// <summary>A tool call whose arguments are <paramref name="arguments"/> serialized as a JSON object.</summary>
    public RuleBuilder CallTool(string name, object? arguments = null) =>
        CallToolJson(name, arguments is null ? "{}" : JsonSerializer.Serialize(arguments));

    /// <summary>A tool call whose arguments are given as JSON text, sent exactly as written.</summary>
    public RuleBuilder CallToolJson(string name, string argumentsJson)
    {
        _toolCalls.Add(new ScriptedToolCall(name, argumentsJson));
        return this;
    }

    public RuleBuilder Delay(TimeSpan delay)
    {
        _delay = delay;
        return this;
    }

    public RuleBuilder Usage(int inputTokens, int outputTokens)
    {
        _usage = new ScriptedUsage(inputTokens, outputTokens);
        return this;
    }

    /// <summary>
    /// The reply is the service's usage-limit refusal (status 429), resetting <paramref name="resetsIn"/>
    /// from the request; null leaves the reset time out.
    /// </summary>
    public RuleBuilder HitLimit(TimeSpan? resetsIn)
    {
        _limit = new ScriptedLimit(resetsIn);
        return this;
    }

    /// <summary>The rule answers one request, then is used up.</summary>
    public RuleBuilder Once()
    {
        _once = true;
        return this;
    }

    public RuleBuilder When(RequestMatch match) => _script.When(match);

    public RuleBuilder OnRequest(int number) => _script.OnRequest(number);

    public RuleBuilder WhenLastUser(string text) => _script.WhenLastUser(text);

    public RuleBuilder WhenToolResult(string text) => _script.WhenToolResult(text);

    public RuleBuilder WhenAnyMessage(string text) => _script.WhenAnyMessage(text);

    public RuleBuilder Always() => _script.Always();

    public Script Build() => _script.Build();

    internal ScriptRule ToRule() =>
        new(_match, new ScriptedTurn { Text = _text, ToolCalls = _toolCalls.ToList(), Delay = _delay, Usage = _usage, Limit = _limit }, _once);
}
