using System.ComponentModel.DataAnnotations;

namespace MusicFunctions.Orchestration;

/// <summary>
/// One activity's durable retry: attempts and the waits between them (durable timers, so a wait
/// costs nothing and survives restarts). Travels in the orchestration input.
/// </summary>
public sealed class ActivityRetrySettings
{
    /// <summary>Attempts in all, the first included (1 = no retry).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the second attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan FirstInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Each later wait is the previous one times this (1 = fixed).</summary>
    [Range(1.0, 10.0)]
    public double BackoffCoefficient { get; set; } = 2;

    /// <summary>Upper bound of one wait.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "06:00:00")]
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(1);

    public ActivityRetrySettings Copy() => (ActivityRetrySettings)MemberwiseClone();
}
