using System.ComponentModel.DataAnnotations;

namespace MusicFunctions.Orchestration;

/// <summary>
/// The durable side of resilience (<c>Resilience:*</c>): how often each activity is tried again
/// after the HTTP client's own short retries gave up, and how often a SUCCESS without final audio
/// files is polled again. Carried inside the orchestration input, because the orchestrator may not
/// read configuration.
/// </summary>
public sealed class ResilienceOptions : IValidatableObject
{
    public const string SectionName = "Resilience";

    /// <summary>
    /// The submit is tried again only when the upstream certainly did not take it (429, connection
    /// refused): an answer lost after sending is never repeated.
    /// </summary>
    public ActivityRetrySettings Submit { get; set; } = new()
    {
        MaxAttempts = 4, FirstInterval = TimeSpan.FromSeconds(10), BackoffCoefficient = 2, MaxInterval = TimeSpan.FromMinutes(1),
    };

    /// <summary>
    /// One status poll. The defaults ride out about six minutes of outage
    /// (5 + 10 + 20 + 40 + 60 × 5 s of waits) before the generation fails.
    /// </summary>
    public ActivityRetrySettings StatusPoll { get; set; } = new()
    {
        MaxAttempts = 10, FirstInterval = TimeSpan.FromSeconds(5), BackoffCoefficient = 2, MaxInterval = TimeSpan.FromMinutes(1),
    };

    /// <summary>Archiving one track (on top of the archiver's own download retries).</summary>
    public ActivityRetrySettings Archive { get; set; } = new()
    {
        MaxAttempts = 3, FirstInterval = TimeSpan.FromSeconds(10), BackoffCoefficient = 2, MaxInterval = TimeSpan.FromMinutes(1),
    };

    /// <summary>Writing manifest.json.</summary>
    public ActivityRetrySettings Manifest { get; set; } = new()
    {
        MaxAttempts = 3, FirstInterval = TimeSpan.FromSeconds(5), BackoffCoefficient = 2, MaxInterval = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// How many more polls a SUCCESS gets whose tracks have no final audio URL yet (empty, or only
    /// the stream link) before the generation fails.
    /// </summary>
    [Range(0, 100, ErrorMessage = "Resilience:IncompleteSuccessPolls must be between 0 and 100.")]
    public int IncompleteSuccessPolls { get; set; } = 5;

    /// <summary>A copy, so a run keeps the settings it started with.</summary>
    public ResilienceOptions Copy() => new()
    {
        Submit = Submit.Copy(),
        StatusPoll = StatusPoll.Copy(),
        Archive = Archive.Copy(),
        Manifest = Manifest.Copy(),
        IncompleteSuccessPolls = IncompleteSuccessPolls,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Data annotations do not look into nested objects; each activity's settings are checked here.
        foreach (var (name, settings) in new[] { ("Submit", Submit), ("StatusPoll", StatusPoll), ("Archive", Archive), ("Manifest", Manifest) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
            foreach (var result in results)
            {
                var member = result.MemberNames.FirstOrDefault() ?? "";
                yield return new ValidationResult($"{SectionName}:{name}:{member}: {result.ErrorMessage}", [name]);
            }
            if (settings.MaxInterval < settings.FirstInterval)
            {
                yield return new ValidationResult(
                    $"{SectionName}:{name}:MaxInterval ({settings.MaxInterval}) must not be shorter than {SectionName}:{name}:FirstInterval ({settings.FirstInterval}).",
                    [name]);
            }
        }
    }
}
