namespace MusicFunctions.Events;

/// <summary>Output of the publishing orchestration: what went out.</summary>
public sealed record PublicationReport(string EventId, bool Queued, bool CallbackDelivered);
