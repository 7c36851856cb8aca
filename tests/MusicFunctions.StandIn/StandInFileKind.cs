namespace MusicFunctions.StandIn;

/// <summary>The two files the stand-in hands out per track.</summary>
public enum StandInFileKind
{
    /// <summary><c>audio.mp3</c>, served as audio/mpeg.</summary>
    Audio,

    /// <summary><c>cover.jpeg</c>, served as image/jpeg.</summary>
    Cover,
}
