using System.Globalization;

namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>
/// What the built-in agent's model costs, in US dollars per million input and output tokens, as
/// the provider's price list says. The built-in agent talks to any OpenAI-compatible or Anthropic
/// endpoint, whose replies carry token counts but no price, so the cost is what the user says.
/// </summary>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion)
{
    private const decimal Million = 1_000_000m;

    /// <summary>The cost of one reply's tokens.</summary>
    public decimal Cost(long inputTokens, long outputTokens) =>
        (inputTokens * InputPerMillion + outputTokens * OutputPerMillion) / Million;

    /// <summary>Reads <c>input,output</c> (dollars per million tokens, e.g. <c>3,15</c>); null with <paramref name="problem"/> set when it cannot.</summary>
    public static ModelPrice? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && decimal.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var input)
            && decimal.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var output))
        {
            problem = null;
            return new ModelPrice(input, output);
        }
        problem = "use the input and output price in dollars per million tokens, separated by a comma, e.g. 3,15";
        return null;
    }
}
