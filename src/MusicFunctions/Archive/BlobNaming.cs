using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MusicFunctions.Archive;

/// <summary>
/// Deterministic blob names. Track ids come from a third party: they are reduced to a safe
/// slug (plus a hash of the raw id when anything was changed), so no id can leave its
/// generation's folder. Names cannot collide either: each carries the track's position, which is
/// unique within a generation, and audio and cover differ in suffix and extension.
/// </summary>
public static partial class BlobNaming
{
    private const int MaxSlugLength = 64;

    public static string Folder(string generationId) => SafeSegment(generationId);

    /// <summary>
    /// A file's name without its extension, which follows the type its bytes turn out to be:
    /// <c>{generation}/track-{n}-{id}</c> for audio, <c>{generation}/track-{n}-{id}-cover</c> for the cover.
    /// </summary>
    public static string Stem(string generationId, int trackNumber, string trackId, FileKind kind) =>
        $"{Folder(generationId)}/track-{trackNumber}-{SafeSegment(trackId)}{(kind == FileKind.Cover ? "-cover" : "")}";

    public static string Audio(string generationId, int trackNumber, string trackId, string extension) =>
        $"{Stem(generationId, trackNumber, trackId, FileKind.Audio)}.{extension}";

    public static string Cover(string generationId, int trackNumber, string trackId, string extension) =>
        $"{Stem(generationId, trackNumber, trackId, FileKind.Cover)}.{extension}";

    public static string Manifest(string generationId) => $"{Folder(generationId)}/manifest.json";

    /// <summary>A single path segment of letters, digits, '-' and '_', never empty, never "." or "..".</summary>
    public static string SafeSegment(string raw)
    {
        if (SafeText().IsMatch(raw))
        {
            return raw;
        }

        var slug = Unsafe().Replace(raw, "-").Trim('-');
        if (slug.Length > MaxSlugLength)
        {
            slug = slug[..MaxSlugLength];
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..12];
        return slug.Length == 0 ? hash : $"{slug}-{hash}";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SafeText();

    [GeneratedRegex("[^A-Za-z0-9_]+")]
    private static partial Regex Unsafe();
}
