namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>Which API the built-in agent speaks.</summary>
public enum ModelProvider
{
    /// <summary>OpenAI's chat-completions API, or any server compatible with it (set an endpoint).</summary>
    OpenAI,

    /// <summary>Anthropic's Messages API, through the official Anthropic package.</summary>
    Anthropic,
}
