namespace MusicFunctions.Archive;

/// <summary>A file could not be archived; the message says which and why.</summary>
public sealed class ArchiveException(string message, bool isRetryable, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Trying again later may succeed (network trouble, a CDN hiccup).</summary>
    public bool IsRetryable { get; } = isRetryable;
}
