namespace MusicFunctions.Archive;

/// <summary>Maps content types to blob name extensions, with a safe default per file kind.</summary>
public static class ContentTypes
{
    public const string Json = "application/json";

    private static readonly Dictionary<string, string> Extensions = new()
    {
        ["audio/mpeg"] = "mp3",
        ["image/jpeg"] = "jpeg",
        ["image/png"] = "png",
        ["image/webp"] = "webp",
        [Json] = "json",
    };

    // Non-standard spellings servers use for the same types.
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["audio/mp3"] = "audio/mpeg",
        ["image/jpg"] = "image/jpeg",
    };

    public static string Default(FileKind kind) => kind == FileKind.Audio ? "audio/mpeg" : "image/jpeg";

    /// <summary>The type to store: the response's when it is one we know for this kind, else the kind's default.</summary>
    public static string Resolve(FileKind kind, string? responseType)
    {
        if (string.IsNullOrWhiteSpace(responseType))
        {
            return Default(kind);
        }
        var type = responseType.Trim().ToLowerInvariant();
        type = Aliases.GetValueOrDefault(type, type);
        var family = kind == FileKind.Audio ? "audio/" : "image/";
        return Extensions.ContainsKey(type) && type.StartsWith(family, StringComparison.Ordinal) ? type : Default(kind);
    }

    public static string Extension(string contentType) => Extensions.GetValueOrDefault(contentType, "bin");
}
