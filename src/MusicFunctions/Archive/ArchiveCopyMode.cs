namespace MusicFunctions.Archive;

/// <summary>How a file gets from its URL into blob storage (Archive:CopyMode).</summary>
public enum ArchiveCopyMode
{
    /// <summary>The app downloads the file and streams it into storage as it arrives. Works everywhere.</summary>
    Stream,

    /// <summary>
    /// Storage fetches the file itself (Put Blob From URL), so the bytes do not pass through the app
    /// on the way in; the app then reads the stored blob once to hash and check it. For public
    /// sources in Azure. Falls back to <see cref="Stream"/> when storage cannot fetch the file
    /// (Azurite never can, from outside URLs).
    /// </summary>
    ServerSide,
}
