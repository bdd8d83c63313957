namespace Nightshift.Core.Storage;

/// <summary>
/// The store cannot be written for a reason outside Nightshift (a full disk, a file or folder this
/// user may not write); <see cref="Exception.Message"/> names the path and what to do.
/// </summary>
public sealed class StoreException(StoreFailure failure, string path, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The cause in a few words ("disk full: /data has 0.0 MiB free"), for a line that says what it stopped.</summary>
    public string Summary { get; init; } = message;

    public StoreFailure Failure { get; } = failure;

    /// <summary>The file or folder at fault.</summary>
    public string Path { get; } = path;
}
