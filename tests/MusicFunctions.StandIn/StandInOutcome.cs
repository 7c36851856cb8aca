namespace MusicFunctions.StandIn;

/// <summary>How a scripted generation ends.</summary>
public enum StandInOutcome
{
    /// <summary>SUCCESS with tracks whose files the stand-in serves.</summary>
    Success,

    /// <summary>FAILED with <see cref="GenerationScript.FailReason"/>.</summary>
    Failed,

    /// <summary>Stays PROCESSING forever.</summary>
    Never,
}
