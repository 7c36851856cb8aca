using System.Text;

namespace MusicFunctions.Archive;

/// <summary>
/// The content types the archive stores, their blob name extensions, and the choice between what a
/// server says a file is and what its bytes show.
/// </summary>
public static class ContentTypes
{
    public const string Json = "application/json";
    public const string Mpeg = "audio/mpeg";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Webp = "image/webp";

    private static readonly Dictionary<string, string> Extensions = new()
    {
        [Mpeg] = "mp3",
        [Jpeg] = "jpeg",
        [Png] = "png",
        [Webp] = "webp",
        [Json] = "json",
    };

    // Non-standard spellings servers use for the same types.
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["audio/mp3"] = Mpeg,
        ["audio/mpeg3"] = Mpeg,
        ["image/jpg"] = Jpeg,
        ["image/pjpeg"] = Jpeg,
    };

    public static string Extension(string contentType) => Extensions.GetValueOrDefault(contentType, "bin");

    /// <summary>Every extension a file of <paramref name="kind"/> can be stored with.</summary>
    public static IReadOnlyList<string> ExtensionsOf(FileKind kind) =>
        kind == FileKind.Audio ? [Extension(Mpeg)] : [Extension(Jpeg), Extension(Png), Extension(Webp)];

    public static bool IsOfKind(string contentType, FileKind kind) =>
        kind == FileKind.Audio ? contentType == Mpeg : contentType is Jpeg or Png or Webp;

    /// <summary>The declared type in canonical spelling (lowercase, aliases resolved), or null when absent.</summary>
    public static string? Canonical(string? declaredType)
    {
        if (string.IsNullOrWhiteSpace(declaredType))
        {
            return null;
        }
        var type = declaredType.Trim().ToLowerInvariant();
        return Aliases.GetValueOrDefault(type, type);
    }

    /// <summary>
    /// The type to store a file as. The bytes decide: a known type of the right kind is kept whatever
    /// the server declared; anything else is refused (a permanent <see cref="ArchiveException"/>),
    /// so an HTML error page served as audio/mpeg never lands in the archive.
    /// </summary>
    public static string Choose(FileKind kind, string? declaredType, ReadOnlySpan<byte> firstBytes, string source)
    {
        var sniffed = ContentSniffer.Detect(firstBytes);
        if (sniffed is not null && IsOfKind(sniffed, kind))
        {
            return sniffed;
        }
        var declared = Canonical(declaredType) is { } type ? $"served as '{type}'" : "served without a content type";
        var found = sniffed is null ? $"its first bytes ({Preview(firstBytes)}) are no known format" : $"its bytes are {sniffed}";
        var wanted = kind == FileKind.Audio ? "MP3 audio" : "a JPEG, PNG or WebP image";
        throw new ArchiveException($"Refused {source}: {declared}, but {found}; expected {wanted}.", isRetryable: false);
    }

    // The first bytes as printable text with hex for the rest, enough to recognise e.g. "<html>".
    private static string Preview(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 16)];
        var text = new StringBuilder("'");
        foreach (var b in head)
        {
            text.Append(b is >= 0x20 and < 0x7F and not (byte)'\'' ? ((char)b).ToString() : $"\\x{b:X2}");
        }
        return text.Append('\'').ToString();
    }
}
