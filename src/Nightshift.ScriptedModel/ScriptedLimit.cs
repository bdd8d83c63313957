namespace Nightshift.ScriptedModel;

/// <summary>
/// A reply that refuses the request because the account's usage limit is reached, worded as each
/// service words it (<see cref="LimitReplies"/>). <see cref="ResetsIn"/> is how long until the limit
/// resets, counted from when the request is answered; null sends no reset time at all, as a
/// service does when it does not say when to come back.
/// </summary>
public sealed record ScriptedLimit(TimeSpan? ResetsIn);
