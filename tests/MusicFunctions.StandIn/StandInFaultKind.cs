namespace MusicFunctions.StandIn;

/// <summary>What a <see cref="StandInFault"/> does; see its factory methods.</summary>
public enum StandInFaultKind
{
    Status,
    Html,
    TruncatedJson,
    Delay,
    CutOffAfter,
    AbortBeforeResponse,
    AcceptThenFail,
}
