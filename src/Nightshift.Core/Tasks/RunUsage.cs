namespace Nightshift.Core.Tasks;

/// <summary>Tokens and cost an agent reported, summed over some stretch of its run.</summary>
public readonly record struct RunUsage(long InputTokens, long OutputTokens, decimal CostUsd)
{
    public bool IsNone => this == default;

    public RunUsage Plus(long inputTokens, long outputTokens, decimal costUsd) =>
        new(InputTokens + inputTokens, OutputTokens + outputTokens, CostUsd + costUsd);
}
