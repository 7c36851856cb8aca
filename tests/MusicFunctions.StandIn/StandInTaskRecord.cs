namespace MusicFunctions.StandIn;

/// <summary>A snapshot of one task the stand-in created.</summary>
/// <param name="FinishedAt">
/// When the task became terminal upstream: submit + CompleteAfter once that time has passed, or
/// the time of the first poll that answered terminal. Null while not terminal (always for Never).
/// </param>
/// <param name="FirstTerminalServedAt">When a terminal answer was first delivered intact to a client.</param>
/// <param name="PollCount">Status polls that reached the task's script (polls answered by a replacing fault do not count).</param>
public sealed record StandInTaskRecord(
    string TaskId,
    SubmittedRequest Request,
    GenerationScript Script,
    IReadOnlyList<string> TrackIds,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? FirstTerminalServedAt,
    int PollCount);
