using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MusicFunctions.Benchmark;

/// <summary>Prints the figures and writes them as JSON and Markdown.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string Markdown(BenchmarkSettings settings, IReadOnlyList<VariantResult> results, string machine, DateTime startedAt)
    {
        var fixedLoop = results.FirstOrDefault(r => r.Variant == PollingVariant.FixedLoop);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {startedAt:yyyy-MM-dd HH:mm} UTC on {machine}.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{settings.Generations} generations per variant, generation time {settings.GenerationTime} (production), " +
            $"time scale {settings.TimeScale:0.##} (every duration ÷ {settings.TimeScale:0.##}), " +
            $"concurrency {(settings.Concurrency > 0 ? settings.Concurrency.ToString(CultureInfo.InvariantCulture) : "all at once")}, " +
            $"variants {(settings.Sequential ? "one after another" : "side by side")} (one process each), " +
            $"{settings.AudioBytes / 1024} KiB audio + {settings.CoverBytes / 1024} KiB cover per track, seed {settings.Seed}.");
        text.AppendLine();
        text.AppendLine("| variant | completed | failed | not ended | generations/min | submit calls/gen | status calls/gen | detection lag p50 | detection lag p95 | upstream done → Completed p50 | archive MB/s | peak working set | peak managed heap | hash mismatches |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Variant} | {r.Completed}/{r.Generations} | {r.Failed} | {r.NotEnded} | {r.GenerationsPerMinute:0} | {r.SubmitCallsPerGeneration:0.00} | " +
                $"{r.StatusCallsPerGeneration:0.00} | {r.DetectionLagP50Ms:0} ms (≙ {r.DetectionLagP50ProductionSeconds:0.0} s) | " +
                $"{r.DetectionLagP95Ms:0} ms (≙ {r.DetectionLagP95ProductionSeconds:0.0} s) | {r.FinishToCompletedP50Ms:0} ms | " +
                $"{r.ArchiveMegabytesPerSecond:0.0} | {r.PeakWorkingSetMegabytes:0} MB | {r.PeakManagedHeapMegabytes:0} MB | {r.HashMismatches} |");
        }
        if (fixedLoop is not null)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Ratios to {PollingVariant.FixedLoop} ({fixedLoop.Description}):");
            text.AppendLine();
            text.AppendLine("| variant | status calls | detection lag p50 | detection lag p95 | generations/min | verdict |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | --- |");
            foreach (var r in results.Where(r => r != fixedLoop))
            {
                var calls = r.StatusCallsPerGeneration / fixedLoop.StatusCallsPerGeneration;
                var lag50 = r.DetectionLagP50Ms / fixedLoop.DetectionLagP50Ms;
                var verdict = calls <= 1 && lag50 < 1 ? "meets the target (no more calls, lower p50 lag)"
                    : calls <= 1 ? "fewer calls, but not a lower p50 lag"
                    : lag50 < 1 ? "lower p50 lag, but more calls" : "misses the target";
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Variant} | {calls:0.00}× | {lag50:0.00}× | {r.DetectionLagP95Ms / fixedLoop.DetectionLagP95Ms:0.00}× | " +
                    $"{r.GenerationsPerMinute / fixedLoop.GenerationsPerMinute:0.00}× | {verdict} |");
            }
        }
        text.AppendLine();
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- **{r.Variant}**: {r.Description}.");
            foreach (var failure in r.SampleFailures)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  - failed: {failure}");
            }
        }
        return text.ToString();
    }

    public static async Task<(string Json, string Markdown)> WriteAsync(
        BenchmarkSettings settings, IReadOnlyList<VariantResult> results, string markdown, DateTime startedAt)
    {
        Directory.CreateDirectory(settings.Output);
        var stem = Path.Combine(settings.Output, $"benchmark-{startedAt:yyyyMMdd-HHmmss}");
        var document = new { startedAt, settings = new
        {
            settings.Generations, settings.TimeScale, GenerationTime = settings.GenerationTime.ToString(), settings.Concurrency,
            settings.AudioBytes, settings.CoverBytes, settings.Seed, settings.Variants, settings.Sequential,
        }, results };
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(document, Json));
        // The children's own result files are folded into this one.
        foreach (var variant in settings.Variants)
        {
            File.Delete($"{stem}-{variant}.json");
        }
        await File.WriteAllTextAsync(stem + ".md", "# End-to-end benchmark\n\n" + markdown);
        return (stem + ".json", stem + ".md");
    }
}
