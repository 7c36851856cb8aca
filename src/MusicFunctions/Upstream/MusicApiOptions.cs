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
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

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
    }
}
