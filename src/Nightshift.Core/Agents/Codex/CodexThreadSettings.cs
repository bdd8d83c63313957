namespace Nightshift.Core.Agents.Codex;

/// <summary>What a thread is opened (or resumed) with: the model, when one is named, and the sandbox.</summary>
internal sealed record CodexThreadSettings(string? Model, string SandboxMode);
