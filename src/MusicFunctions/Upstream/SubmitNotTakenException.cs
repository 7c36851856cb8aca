namespace MusicFunctions.Upstream;

/// <summary>
/// Thrown by the submit activity only when the upstream certainly did not take the request: it
/// answered 429, or the connection was refused / the host name did not resolve before anything
/// was sent. The only submit failure the durable retry sends again: no task exists, so nothing
/// can be charged twice.
/// </summary>
public sealed class SubmitNotTakenException(string message, Exception? inner = null) : Exception(message, inner);
