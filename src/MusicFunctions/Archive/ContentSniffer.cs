namespace MusicFunctions.Archive;

/// <summary>Recognises the file types the archive keeps by their first bytes (magic numbers).</summary>
public static class ContentSniffer
{
    /// <summary>Bytes needed to recognise every known type (WebP's "RIFF....WEBP").</summary>
    public const int BytesNeeded = 12;

    /// <summary>The content type <paramref name="head"/> starts like, or null when it is none the archive knows.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("ID3"u8))
        {
            return ContentTypes.Mpeg; // an ID3v2 tag in front of MP3 frames
        }
        if (head.StartsWith([(byte)0xFF, (byte)0xD8, (byte)0xFF]))
        {
            return ContentTypes.Jpeg; // checked before MPEG: FF D8 is not a frame sync, but be explicit
        }
        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0)
        {
            return ContentTypes.Mpeg; // MPEG audio frame sync: eleven 1 bits
        }
        if (head.StartsWith([(byte)0x89, (byte)0x50, (byte)0x4E, (byte)0x47]))
        {
            return ContentTypes.Png;
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return ContentTypes.Webp;
        }
        return null;
    }
}
