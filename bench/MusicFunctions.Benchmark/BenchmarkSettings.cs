using System.Globalization;

namespace MusicFunctions.Benchmark;

/// <summary>The command line: <c>--generations 200 --time-scale 60 --generation-time uniform:60:180 ...</c>.</summary>
public sealed record BenchmarkSettings
{
    public int Generations { get; init; } = 200;

    /// <summary>
    /// Production time ÷ this = benchmark time, for generation times and every polling setting alike. 1 by
    /// default: the Azure Storage provider schedules timers as queue-message visibility, in whole seconds
    /// (a 3 s timer fires after 2 s, anything under 1 s at once), so scaled-down polling is distorted.
    /// </summary>
    public double TimeScale { get; init; } = 1;

    public GenerationTimes GenerationTime { get; init; } = new("uniform", 60, 180);

    /// <summary>
    /// Generations in flight at once per variant; a new one starts when one ends. 0: all at once. 60 keeps the
    /// one Azurite (single-threaded) below saturation with three variants side by side on two cores.
    /// </summary>
    public int Concurrency { get; init; } = 60;

    /// <summary>Variants one after another instead of side by side (each in its own process either way).</summary>
    public bool Sequential { get; init; }

    /// <summary>Small next to a real MP3 (3–5 MB) so Azurite keeps up; bench/MusicFunctions.ArchiveBenchmark measures big copies.</summary>
    public long AudioBytes { get; init; } = 256 * 1024;

    public long CoverBytes { get; init; } = 32 * 1024;

    public int Seed { get; init; } = 7;

    public IReadOnlyList<string> Variants { get; init; } = PollingVariant.Names;

    public string Output { get; init; } = "bench/results";

    public static BenchmarkSettings Parse(string[] args)
    {
        var settings = new BenchmarkSettings();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--generations" => settings with { Generations = PositiveInt(Value(), "--generations") },
                "--time-scale" => settings with { TimeScale = PositiveDouble(Value(), "--time-scale") },
                "--generation-time" => settings with { GenerationTime = GenerationTimes.Parse(Value()) },
                "--concurrency" => settings with { Concurrency = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--audio-bytes" => settings with { AudioBytes = PositiveInt(Value(), "--audio-bytes") },
                "--cover-bytes" => settings with { CoverBytes = PositiveInt(Value(), "--cover-bytes") },
                "--seed" => settings with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--variants" => settings with { Variants = ParseVariants(Value()) },
                "--output" => settings with { Output = Value() },
                "--sequential" => settings with { Sequential = true },
                "--help" or "-h" => throw new ArgumentException(Usage),
                var unknown => throw new ArgumentException($"Unknown option '{unknown}'.\n{Usage}"),
            };
        }
        return settings;
    }

    public const string Usage = """
        dotnet run -c Release --project bench/MusicFunctions.Benchmark -- [options]
          --generations N        generations per polling variant (default 200)
          --time-scale F         production time / F = benchmark time, for generation times and polling alike (default 1:
                                 Durable's Azure Storage timers are whole seconds, so F > 1 distorts short waits)
          --generation-time D    uniform:MIN:MAX | normal:MEAN:SD | fixed:S, production seconds (default uniform:60:180)
          --concurrency N        generations in flight at once per variant, 0 = all at once (default 60)
          --sequential           run the variants one after another (default: side by side, same machine load)
          --audio-bytes N        MP3 size per track (default 262144); --cover-bytes N (default 32768)
          --variants LIST        comma-separated: fixed-10s,backoff,adaptive (default all)
          --seed N               seed of the generation times (default 7)
          --output DIR           where JSON and Markdown go (default bench/results)
        """;

    private static int PositiveInt(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value : throw new ArgumentException($"{name} must be a positive whole number; got '{text}'.");

    private static double PositiveDouble(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value : throw new ArgumentException($"{name} must be a positive number; got '{text}'.");

    private static string[] ParseVariants(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Except(PollingVariant.Names).ToArray();
        return unknown.Length == 0 && names.Length > 0
            ? names
            : throw new ArgumentException($"--variants takes {string.Join(", ", PollingVariant.Names)}; got '{text}'.");
    }
}
