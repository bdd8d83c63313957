using System.Text.Json;

namespace Nightshift.Core.Bridge;

/// <summary>
/// The structured result of the bridge's ask_question: whether an answer came while the call was
/// held, and the answer, under <see cref="MetaKey"/> in the result's <c>_meta</c>. Agents read the
/// tool's text; scripts (<c>nightshift ask</c>) read this.
/// </summary>
public sealed record AskResult(bool Answered, string? Answer)
{
    public const string MetaKey = "nightshift/ask";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
