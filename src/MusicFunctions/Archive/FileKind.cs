namespace MusicFunctions.Archive;

/// <summary>The kinds of file a track brings, each with its expected content type.</summary>
public enum FileKind
{
    Audio,
    Cover,
}
