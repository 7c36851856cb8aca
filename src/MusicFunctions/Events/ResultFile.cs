using MusicFunctions.Archive;

namespace MusicFunctions.Events;

/// <summary>One archived file as a result event names it: where it is and how to check it.</summary>
public sealed record ResultFile
{
    public required string BlobName { get; init; }
    public required Uri Url { get; init; }
    public long Size { get; init; }
    public string? ContentType { get; init; }
    public string? Sha256 { get; init; }

    public static ResultFile From(ArchivedFile file) => new()
    {
        BlobName = file.BlobName,
        Url = file.Url,
        Size = file.Size,
        ContentType = file.ContentType,
        Sha256 = file.Sha256,
    };
}
