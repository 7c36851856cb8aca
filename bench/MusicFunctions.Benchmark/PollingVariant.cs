using System.Globalization;
using MusicFunctions.Orchestration;

namespace MusicFunctions.Benchmark;

/// <summary>A polling schedule to measure, in production time; <see cref="Settings"/> scales it for a run.</summary>
public sealed record PollingVariant(string Name, string Description, PollingOptions Polling)
{
    public const string FixedLoop = "fixed-10s";

    public static readonly IReadOnlyList<string> Names = [FixedLoop, "backoff", "adaptive"];

    public static PollingVariant Named(string name) => name switch
    {
        // The provider's own sample: sleep 10 s, ask, repeat.
        FixedLoop => new(name, "the provider's sample: a status call every 10 s",
            new PollingOptions { InitialDelay = Seconds(10), Interval = Seconds(10), BackoffFactor = 1, MaxInterval = Seconds(10) }),
        "backoff" => new(name, "Polling:Mode=Backoff with the app's default timings (30 s, then 5 s × 1.25ⁿ up to 20 s)",
            new PollingOptions { Mode = PollingMode.Backoff }),
        "adaptive" => new(name, "Polling:Mode=Adaptive with the app's default timings (aim at the finish the progress predicts, 5–20 s, +1 s)",
            new PollingOptions { Mode = PollingMode.Adaptive }),
        _ => throw new ArgumentException($"Unknown variant '{name}'."),
    };

    /// <summary>The Polling:* app settings for a run at <paramref name="timeScale"/>: every duration divided by it.</summary>
    public Dictionary<string, string?> Settings(double timeScale) => new()
    {
        ["Polling:Mode"] = Polling.Mode.ToString(),
        ["Polling:InitialDelay"] = Scale(Polling.InitialDelay, timeScale),
        ["Polling:Interval"] = Scale(Polling.Interval, timeScale),
        ["Polling:BackoffFactor"] = Polling.BackoffFactor.ToString(CultureInfo.InvariantCulture),
        ["Polling:MaxInterval"] = Scale(Polling.MaxInterval, timeScale),
        ["Polling:AdaptiveMargin"] = Scale(Polling.AdaptiveMargin, timeScale),
        ["Polling:Timeout"] = Scale(Polling.Timeout, timeScale),
    };

    private static string Scale(TimeSpan span, double timeScale) =>
        TimeSpan.FromTicks((long)(span.Ticks / timeScale)).ToString("c", CultureInfo.InvariantCulture);

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);
}
