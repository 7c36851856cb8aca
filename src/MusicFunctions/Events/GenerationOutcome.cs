namespace MusicFunctions.Events;

/// <summary>How a generation ended, as result events say it (snake_case on the wire: completed, failed, timed_out, cancelled).</summary>
public enum GenerationOutcome
{
    Completed,
    Failed,
    TimedOut,
    Cancelled,
}
