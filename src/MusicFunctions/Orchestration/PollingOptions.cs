using System.ComponentModel.DataAnnotations;

namespace MusicFunctions.Orchestration;

/// <summary>
/// When the orchestration asks the upstream how a task is doing. Carried inside the
/// orchestration input so that replays see the values the run started with.
/// </summary>
public sealed class PollingOptions : IValidatableObject
{
    public const string SectionName = "Polling";

    /// <summary>Wait before the first status poll: a generation takes a minute or more.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait between later polls, before backoff.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Each round's wait is the previous one times this factor (1 = fixed interval).</summary>
    [Range(1.0, 10.0)]
    public double BackoffFactor { get; set; } = 1.25;

    /// <summary>Upper bound of the wait between polls.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Backoff: waits follow the schedule above. Adaptive: each wait aims at the finish the upstream's
    /// progress predicts, never shorter than <see cref="Interval"/> nor longer than <see cref="MaxInterval"/>.
    /// </summary>
    [EnumDataType(typeof(PollingMode), ErrorMessage = "Polling:Mode must be Backoff or Adaptive.")]
    public PollingMode Mode { get; set; } = PollingMode.Backoff;

    /// <summary>
    /// Adaptive mode: how long after the predicted finish to poll. Landing just before the finish costs a
    /// whole extra round (at least <see cref="Interval"/>); landing this much after it costs only this much.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan AdaptiveMargin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Give up when the task has not finished this long after it was submitted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxInterval < Interval)
        {
            yield return new ValidationResult(
                $"Polling:MaxInterval ({MaxInterval}) must not be shorter than Polling:Interval ({Interval}).",
                [nameof(MaxInterval)]);
        }
    }
}
