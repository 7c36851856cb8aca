namespace MusicFunctions.Benchmark;

/// <summary>What one polling variant achieved. Lags are in benchmark milliseconds and scaled back to production seconds.</summary>
public sealed record VariantResult
{
    public required string Variant { get; init; }
    public required string Description { get; init; }
    public required int Generations { get; init; }
    public required int Completed { get; init; }
    public required int Failed { get; init; }
    public required int NotEnded { get; init; }
    public required double WallSeconds { get; init; }
    public required double GenerationsPerMinute { get; init; }
    public required double SubmitCallsPerGeneration { get; init; }
    public required double StatusCallsPerGeneration { get; init; }
    public required double DetectionLagP50Ms { get; init; }
    public required double DetectionLagP95Ms { get; init; }
    public required double DetectionLagP50ProductionSeconds { get; init; }
    public required double DetectionLagP95ProductionSeconds { get; init; }

    /// <summary>Upstream finished → generation Completed (noticing, archiving both tracks, writing the manifest), p50.</summary>
    public required double FinishToCompletedP50Ms { get; init; }
    public required long ArchivedBytes { get; init; }

    /// <summary>Archived bytes ÷ the time during which at least one generation was archiving.</summary>
    public required double ArchiveMegabytesPerSecond { get; init; }
    public required double PeakWorkingSetMegabytes { get; init; }
    public required double PeakManagedHeapMegabytes { get; init; }

    /// <summary>Archived files whose recorded SHA-256 differs from the stand-in's bytes.</summary>
    public required int HashMismatches { get; init; }
    public required IReadOnlyList<string> SampleFailures { get; init; }
}
