namespace MusicFunctions.ArchiveBenchmark;

/// <summary>What one child process measured for one variant and one file size (one JSON line on its stdout).</summary>
public sealed record VariantResult
{
    public required CopyVariant Variant { get; init; }
    public required long Bytes { get; init; }

    /// <summary>Seconds of each warm run (after the first, cold one).</summary>
    public required double[] WarmSeconds { get; init; }

    public required double ColdSeconds { get; init; }

    /// <summary>Highest working set seen during all runs, minus the working set before the first run.</summary>
    public required long PeakWorkingSetGrowth { get; init; }

    /// <summary>Highest working set seen during the warm runs only, minus the same baseline: the steady state.</summary>
    public required long PeakWorkingSetGrowthWarm { get; init; }

    /// <summary>Highest managed heap size seen during all runs, minus the heap before the first run.</summary>
    public required long PeakManagedHeapGrowth { get; init; }

    public required long BaselineWorkingSet { get; init; }

    /// <summary>Managed bytes allocated by one warm copy (garbage included): what drives GC work and heap peaks.</summary>
    public required long AllocatedPerWarmCopy { get; init; }

    /// <summary>Several rounds of one variant as one result: every warm run, the median cold run, the highest peaks.</summary>
    public static VariantResult Merge(IEnumerable<VariantResult> rounds)
    {
        var all = rounds.ToList();
        return all[0] with
        {
            WarmSeconds = [.. all.SelectMany(r => r.WarmSeconds)],
            ColdSeconds = Median([.. all.Select(r => r.ColdSeconds)]),
            PeakWorkingSetGrowth = all.Max(r => r.PeakWorkingSetGrowth),
            PeakWorkingSetGrowthWarm = all.Max(r => r.PeakWorkingSetGrowthWarm),
            PeakManagedHeapGrowth = all.Max(r => r.PeakManagedHeapGrowth),
            AllocatedPerWarmCopy = all.Max(r => r.AllocatedPerWarmCopy),
        };
    }

    /// <summary>MiB per second of the median warm run.</summary>
    public double MibPerSecond => Bytes / 1048576.0 / Median(WarmSeconds);

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
