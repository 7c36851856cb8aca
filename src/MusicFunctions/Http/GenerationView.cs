using MusicFunctions.Orchestration;

namespace MusicFunctions.Http;

/// <summary>Our own view of a generation, as GET /api/music/generations/{id} answers it.</summary>
public sealed record GenerationView
{
    public required string Id { get; init; }

    /// <summary>Durable runtime status: pending, running, completed, failed, terminated...</summary>
    public required string RuntimeStatus { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The upstream task while it runs: id, status word and progress in percent.</summary>
    public GenerationProgress? Upstream { get; init; }

    /// <summary>Where every file went, once completed.</summary>
    public GenerationResult? Result { get; init; }

    /// <summary>Why it failed, when it failed.</summary>
    public string? Error { get; init; }
}
