namespace Nightshift.ScriptedModel;

/// <summary>Reads one API's request body into a <see cref="RecordedRequest"/>; null with <paramref name="problem"/> set when it cannot.</summary>
internal delegate RecordedRequest? RequestParse(int number, string body, out string? problem);
