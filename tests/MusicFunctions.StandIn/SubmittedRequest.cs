namespace MusicFunctions.StandIn;

/// <summary>A submit body as the stand-in read it. Absent optional fields are null or false.</summary>
public sealed record SubmittedRequest(
    string Prompt,
    string? Model,
    bool CustomMode,
    string? Style,
    string? Title,
    bool Instrumental,
    string? VocalGender);
