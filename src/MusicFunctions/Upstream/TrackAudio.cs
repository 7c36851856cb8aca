namespace MusicFunctions.Upstream;

/// <summary>
/// Whether a track's audio URL is the finished file. While a track is still streaming, Suno-backed
/// services report SUCCESS with an empty audio URL or one that points at the stream.
/// </summary>
public static class TrackAudio
{
    /// <summary>True when <see cref="UpstreamTrack.AudioUrl"/> is an absolute URL that is not a stream link.</summary>
    public static bool HasFinalFile(UpstreamTrack track) => WhyNotFinal(track) is null;

    /// <summary>Why the audio URL is not the final file, for messages; null when it is.</summary>
    public static string? WhyNotFinal(UpstreamTrack track)
    {
        var audio = track.AudioUrl?.Trim();
        if (string.IsNullOrEmpty(audio))
        {
            return "no audio URL";
        }
        if (!Uri.TryCreate(audio, UriKind.Absolute, out var url))
        {
            return "an audio URL that is not an absolute URL";
        }
        if (!string.IsNullOrWhiteSpace(track.StreamAudioUrl) && string.Equals(audio, track.StreamAudioUrl.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return "only the stream link as audio URL";
        }
        if (url.Segments.Any(segment => segment.Trim('/').Equals("stream", StringComparison.OrdinalIgnoreCase)))
        {
            return "an audio URL that points at the stream";
        }
        return null;
    }
}
