using System.Text.Json.Nodes;

namespace Nightshift.Core.Agents.ClaudeCode;

/// <summary>The lines Nightshift writes to <c>claude --input-format stream-json</c>: one user message per line.</summary>
internal static class StreamJsonInput
{
    public static string UserMessage(string text) => new JsonObject
    {
        ["type"] = "user",
        ["message"] = new JsonObject { ["role"] = "user", ["content"] = text },
    }.ToJsonString();
}
