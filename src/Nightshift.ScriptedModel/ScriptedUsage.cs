namespace Nightshift.ScriptedModel;

/// <summary>The token counts a scripted reply reports.</summary>
public sealed record ScriptedUsage(int InputTokens, int OutputTokens)
{
    public int TotalTokens => InputTokens + OutputTokens;
}
