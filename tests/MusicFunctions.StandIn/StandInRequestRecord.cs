namespace MusicFunctions.StandIn;

/// <summary>One request the stand-in received.</summary>
/// <param name="Path">The path as sent on the wire (still percent-encoded), without the query.</param>
/// <param name="StatusCode">The status answered; 0 when the connection was cut before any response.</param>
/// <param name="HadAuthorization">Whether an Authorization header came with it (its value is never kept).</param>
/// <param name="Aborted">The connection was cut (by a fault or by the client) before the answer was complete.</param>
public sealed record StandInRequestRecord(
    string Method,
    string Path,
    int StatusCode,
    DateTimeOffset Timestamp,
    bool HadAuthorization,
    bool Aborted);
