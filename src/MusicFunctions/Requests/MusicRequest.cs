using System.Text.Json.Serialization;

namespace MusicFunctions.Requests;

/// <summary>
/// A music request as callers send it. Field names are the upstream API's own, so a body that
/// works against the upstream works here too.
/// </summary>
public sealed record MusicRequest
{
    [JsonPropertyName("prompt")]
    public string? Prompt { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("custom_mode")]
    public bool CustomMode { get; init; }

    [JsonPropertyName("style")]
    public string? Style { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("instrumental")]
    public bool Instrumental { get; init; }

    [JsonPropertyName("vocal_gender")]
    public string? VocalGender { get; init; }

    /// <summary>
    /// The caller's id for this request; becomes the generation id, so sending it again never
    /// starts a second generation. Ours only: never sent upstream (see <see cref="MusicRequestValidator.Normalize"/>).
    /// </summary>
    [JsonPropertyName("request_id")]
    public string? RequestId { get; init; }

    /// <summary>Where the signed result event is POSTed when the generation ends. Ours only: never sent upstream.</summary>
    [JsonPropertyName("callback_url")]
    public string? CallbackUrl { get; init; }

    /// <summary>Fields the API does not know; kept only so validation can name them all.</summary>
    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? UnknownFields { get; init; }
}
