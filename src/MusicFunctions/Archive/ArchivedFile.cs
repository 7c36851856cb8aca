using System.Text.Json.Serialization;

namespace MusicFunctions.Archive;

/// <summary>One file as stored in the archive container.</summary>
public sealed record ArchivedFile
{
    public required string BlobName { get; init; }
    public required Uri Url { get; init; }
    public required long Size { get; init; }
    public required string ContentType { get; init; }

    /// <summary>Lowercase hex SHA-256 of the stored bytes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sha256 { get; init; }

    /// <summary>Lowercase hex MD5 of the stored bytes (the blob's Content-MD5, in hex).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Md5 { get; init; }
}
