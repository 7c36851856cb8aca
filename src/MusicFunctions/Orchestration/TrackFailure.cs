namespace MusicFunctions.Orchestration;

/// <summary>A track that could not be archived, and why.</summary>
public sealed record TrackFailure(int Number, string TrackId, string Reason);
