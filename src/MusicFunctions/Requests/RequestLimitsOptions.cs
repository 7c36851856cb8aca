using System.ComponentModel.DataAnnotations;

namespace MusicFunctions.Requests;

/// <summary>
/// Limits applied to incoming requests. The provider publishes no limits; the defaults follow
/// what related Suno gateways document.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "Requests";

    /// <summary>Models callers may ask for; the first one is used when a request names none.</summary>
    [MinLength(1)]
    public string[] AllowedModels { get; set; } = ["suno-v4.5-plus", "suno-v5"];

    /// <summary>Longest description in standard mode.</summary>
    [Range(1, 100_000)]
    public int MaxPromptLength { get; set; } = 500;

    /// <summary>Longest lyrics in custom mode.</summary>
    [Range(1, 100_000)]
    public int MaxLyricsLength { get; set; } = 5000;

    [Range(1, 100_000)]
    public int MaxStyleLength { get; set; } = 1000;

    [Range(1, 10_000)]
    public int MaxTitleLength { get; set; } = 100;

    public string DefaultModel => AllowedModels[0];
}
