namespace Nightshift.ScriptedModel;

/// <summary>A condition on a request; <see cref="Description"/> names it in errors and listings.</summary>
public sealed record RequestMatch(string Description, Func<RecordedRequest, bool> Predicate)
{
    public bool IsMatch(RecordedRequest request) => Predicate(request);

    /// <summary>Every request.</summary>
    public static RequestMatch Always { get; } = new("always", _ => true);

    /// <summary>The <paramref name="number"/>-th request the server received, counting from 1.</summary>
    public static RequestMatch RequestNumber(int number) => new($"request #{number}", r => r.Number == number);

    /// <summary>The last user message contains <paramref name="text"/>.</summary>
    public static RequestMatch LastUserContains(string text) =>
        new($"last user message contains \"{text}\"", r => r.LastOfRole("user")?.Contains(text) == true);

    /// <summary>A tool result after the last assistant message (the results the model is about to read) contains <paramref name="text"/>.</summary>
    public static RequestMatch LastToolResultContains(string text) =>
        new($"last tool result contains \"{text}\"", r => r.LatestToolResults().Any(m => m.Contains(text)));

    /// <summary>Any message of the conversation contains <paramref name="text"/>.</summary>
    public static RequestMatch AnyMessageContains(string text) =>
        new($"any message contains \"{text}\"", r => r.Contains(text));

    /// <summary>The very last message, whatever its role, contains <paramref name="text"/>.</summary>
    public static RequestMatch LastMessageContains(string text) =>
        new($"last message contains \"{text}\"", r => r.LastMessage?.Contains(text) == true);

    /// <summary>Both conditions hold.</summary>
    public RequestMatch And(RequestMatch other) =>
        new($"{Description} and {other.Description}", r => IsMatch(r) && other.IsMatch(r));
}
