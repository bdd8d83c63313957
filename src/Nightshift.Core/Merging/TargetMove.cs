namespace Nightshift.Core.Merging;

/// <summary>What happened when the engine tried to move the target ref (and its checkout, if any).</summary>
internal sealed record TargetMove(TargetMoveStatus Status, string? CheckoutPath, IReadOnlyList<string> Files, string? Reason)
{
    public static TargetMove Moved { get; } = new(TargetMoveStatus.Moved, null, [], null);

    public static TargetMove Stale { get; } = new(TargetMoveStatus.Stale, null, [], null);

    public static TargetMove Busy(string checkoutPath) =>
        new(TargetMoveStatus.Busy, checkoutPath, [], $"Another git command holds the index lock of the checkout at '{checkoutPath}'.");

    public static TargetMove Blocked(string checkoutPath, IReadOnlyList<string> files) =>
        new(TargetMoveStatus.Blocked, checkoutPath, files, null);

    public static TargetMove Failed(string reason) => new(TargetMoveStatus.Failed, null, [], reason);
}
