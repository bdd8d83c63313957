namespace Nightshift.Core.Dispatch;

/// <summary>This node found the store's disk full: from <see cref="Since"/> to at least <see cref="LastSeen"/>.</summary>
public sealed record StoreFullNotice(string Reason, DateTimeOffset Since, DateTimeOffset LastSeen);
