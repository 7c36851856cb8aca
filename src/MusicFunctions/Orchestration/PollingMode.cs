using System.Text.Json.Serialization;

namespace MusicFunctions.Orchestration;

/// <summary>How the wait before each status poll after the first is chosen.</summary>
// Written by name into the orchestration input, so histories stay readable and survive reordering.
[JsonConverter(typeof(JsonStringEnumConverter<PollingMode>))]
public enum PollingMode
{
    /// <summary>A fixed schedule: <c>Interval × BackoffFactor^(round-1)</c>, up to <c>MaxInterval</c>.</summary>
    Backoff,

    /// <summary>
    /// Aims each poll at the finish the upstream's progress predicts (elapsed × 100 / progress), within
    /// [<c>Interval</c>, <c>MaxInterval</c>]; the backoff schedule while no progress has been reported.
    /// </summary>
    Adaptive,
}
