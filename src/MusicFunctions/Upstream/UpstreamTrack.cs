namespace MusicFunctions.Upstream;

/// <summary>One generated song as the upstream describes it. Every field is untrusted text.</summary>
public sealed record UpstreamTrack
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public string? Tags { get; init; }
    public string? Prompt { get; init; }
    public string? AudioUrl { get; init; }
    public string? StreamAudioUrl { get; init; }
    public string? ImageUrl { get; init; }
    public string? SourceAudioUrl { get; init; }
    public string? SourceImageUrl { get; init; }
    public double? Duration { get; init; }
    public string? ModelName { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
}
