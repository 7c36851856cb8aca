namespace MusicFunctions.StandIn;

/// <summary>
/// How one generation behaves: how long it takes, how it ends and what it hands out.
/// A record so tests can derive variants with <c>with</c>.
/// </summary>
public sealed record GenerationScript
{
    public const string DefaultFailReason = "The prompt was rejected by the content filter";

    /// <summary>Status polls answered with a non-terminal status (PENDING, then PROCESSING) before the terminal one.</summary>
    public int PollsBeforeDone { get; init; } = 2;

    /// <summary>When set, the task turns terminal this long after submit, however often it is polled. Wins over <see cref="PollsBeforeDone"/>.</summary>
    public TimeSpan? CompleteAfter { get; init; }

    public StandInOutcome Outcome { get; init; } = StandInOutcome.Success;

    /// <summary>The <c>fail_reason</c> of a <see cref="StandInOutcome.Failed"/> task.</summary>
    public string FailReason { get; init; } = DefaultFailReason;

    /// <summary>Answer tracks in the snake_case variant (<c>audio_url</c>, <c>created_at</c>...) instead of camelCase.</summary>
    public bool SnakeCaseTracks { get; init; }

    public long AudioBytes { get; init; } = 64 * 1024;

    public long CoverBytes { get; init; } = 8 * 1024;

    /// <summary>
    /// The pace at which the audio and cover files are sent, like a CDN over the internet; null: as fast
    /// as the server can (loopback). Positive when set.
    /// </summary>
    public long? FileBytesPerSecond
    {
        get;
        init
        {
            if (value is { } rate)
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate, nameof(FileBytesPerSecond));
            }
            field = value;
        }
    }

    /// <summary>Track ids to hand out (one track each). Null: two UUIDs derived from the task id.</summary>
    public IReadOnlyList<string>? TrackIds { get; init; }

    /// <summary>Track title. Null: the submitted title, or a placeholder.</summary>
    public string? Title { get; init; }
}
