namespace MusicFunctions.Testing.Verification;

/// <summary>What one blob in the archive turned out to be.</summary>
/// <param name="Problem">Why it is not a complete, correct file or manifest; null when it is.</param>
public sealed record BlobVerdict(string BlobName, string Kind, long Size, string? Problem)
{
    public bool IsIntact => Problem is null;
}
