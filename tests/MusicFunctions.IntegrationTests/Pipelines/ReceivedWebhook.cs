namespace MusicFunctions.IntegrationTests.Pipelines;

/// <summary>One delivery as the receiver saw it, and what it answered.</summary>
public sealed record ReceivedWebhook(
    string Path, string? EventIdHeader, string? SignatureHeader, string? ContentType, byte[] Body, int AnsweredStatus, DateTimeOffset ReceivedAt);
