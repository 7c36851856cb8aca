using System.ComponentModel.DataAnnotations;

namespace MusicFunctions.Upstream;

/// <summary>Where the upstream music API lives and how to authenticate with it.</summary>
public sealed class MusicApiOptions : IValidatableObject
{
    public const string SectionName = "MusicApi";

    [Required(ErrorMessage = "MusicApi:BaseUrl is required.")]
    public Uri BaseUrl { get; set; } = new("https://api.qhaigc.net/v1");

    /// <summary>Bearer token. A secret: it never leaves this options object except as a header.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "MusicApi:ApiKey is required: set it to your music API key.")]
    public string ApiKey { get; set; } = "";

    /// <summary>Submit path relative to <see cref="BaseUrl"/> (the reference also names it music/generate).</summary>
    [Required]
    public string SubmitPath { get; set; } = "music/generations";

    /// <summary>Status path relative to <see cref="BaseUrl"/>; <c>{task_id}</c> is replaced by the escaped task id.</summary>
    [Required]
    public string TaskPath { get; set; } = "music/tasks/{task_id}";

    /// <summary>Timeout of one HTTP attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "MusicApi:RequestTimeout must be between 10 ms and 10 minutes.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The HTTP client's short retries (<c>MusicApi:Retry:*</c>).</summary>
    public MusicApiRetryOptions Retry { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is { IsAbsoluteUri: false } || BaseUrl is { Scheme: not ("https" or "http") })
        {
            yield return new ValidationResult(
                $"MusicApi:BaseUrl must be an absolute http(s) URL; got '{BaseUrl}'.", [nameof(BaseUrl)]);
        }
        if (!TaskPath.Contains("{task_id}", StringComparison.Ordinal))
        {
            yield return new ValidationResult("MusicApi:TaskPath must contain {task_id}.", [nameof(TaskPath)]);
        }

        // Data annotations do not look into nested objects; the retry section is checked here.
        var retryResults = new List<ValidationResult>();
        Validator.TryValidateObject(Retry, new ValidationContext(Retry), retryResults, validateAllProperties: true);
        foreach (var result in retryResults)
        {
            yield return result;
        }
        if (Retry.MaxDelay < Retry.BaseDelay)
        {
            yield return new ValidationResult(
                $"MusicApi:Retry:MaxDelay ({Retry.MaxDelay}) must not be shorter than MusicApi:Retry:BaseDelay ({Retry.BaseDelay}).",
                [nameof(Retry)]);
        }
        if (Retry.TotalTimeout < RequestTimeout)
        {
            yield return new ValidationResult(
                $"MusicApi:Retry:TotalTimeout ({Retry.TotalTimeout}) must not be shorter than MusicApi:RequestTimeout ({RequestTimeout}).",
                [nameof(Retry)]);
        }
    }
}
