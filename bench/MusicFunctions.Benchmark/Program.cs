using System.Globalization;
using System.Runtime.InteropServices;
using MusicFunctions.Benchmark;
using MusicFunctions.IntegrationTests.Infrastructure;

// The parent starts Azurite, then runs every polling variant in a child process of this same program
// (--child ...): side by side by default, so all meet the same machine load. See bench/BENCHMARK.md.
if (args is [VariantProcess.ChildFlag, _, ..])
{
    return await VariantProcess.RunChildAsync(args);
}

BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var startedAt = DateTime.UtcNow;
var runId = startedAt.ToString("HHmmss", CultureInfo.InvariantCulture);
Directory.CreateDirectory(settings.Output);
var stem = Path.Combine(settings.Output, $"benchmark-{startedAt:yyyyMMdd-HHmmss}");
var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
var machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, " +
    $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {load} at the start";
Console.WriteLine($"Benchmark: {settings.Generations} generations × {string.Join(", ", settings.Variants)} " +
    $"({(settings.Sequential ? "one after another" : "side by side")}); {settings.GenerationTime} ÷ {settings.TimeScale}; {machine}");
if (settings.TimeScale > 1)
{
    Console.WriteLine("Note: Durable's Azure Storage timers have whole-second precision; waits scaled below ~10 s fire early.");
}

await using var azurite = await Azurite.StartAsync();
var results = new List<VariantResult>();
var runs = settings.Variants.Select(variant => (variant, path: $"{stem}-{variant}.json")).ToList();
if (settings.Sequential)
{
    foreach (var (variant, path) in runs)
    {
        results.Add(await VariantProcess.RunAsync(args, variant, azurite.ConnectionString, runId, path));
    }
}
else
{
    results.AddRange(await Task.WhenAll(runs.Select(run => VariantProcess.RunAsync(args, run.variant, azurite.ConnectionString, runId, run.path))));
}

var markdown = ReportWriter.Markdown(settings, results, machine, startedAt);
Console.WriteLine();
Console.WriteLine(markdown);
var (json, md) = await ReportWriter.WriteAsync(settings, results, markdown, startedAt);
Console.WriteLine($"Written: {json}, {md} (engine warnings: {stem}-<variant>.log)");
return results.All(r => r.Completed == r.Generations && r.HashMismatches == 0) ? 0 : 1;
