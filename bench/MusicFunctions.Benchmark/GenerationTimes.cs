using System.Globalization;

namespace MusicFunctions.Benchmark;

/// <summary>
/// How long the upstream takes per generation, in production seconds: <c>uniform:MIN:MAX</c>,
/// <c>normal:MEAN:SD</c> (clipped to 10 s and up) or <c>fixed:SECONDS</c>. Seeded, so every polling
/// variant of a run meets the same generations.
/// </summary>
public sealed record GenerationTimes(string Kind, double A, double B)
{
    public static GenerationTimes Parse(string text)
    {
        var parts = text.Split(':');
        double Number(int i) => double.Parse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture);
        return parts switch
        {
            ["uniform", _, _] when Number(1) > 0 && Number(2) >= Number(1) => new("uniform", Number(1), Number(2)),
            ["normal", _, _] when Number(1) > 0 && Number(2) >= 0 => new("normal", Number(1), Number(2)),
            ["fixed", _] when Number(1) > 0 => new("fixed", Number(1), Number(1)),
            _ => throw new ArgumentException($"--generation-time must be uniform:MIN:MAX, normal:MEAN:SD or fixed:SECONDS; got '{text}'."),
        };
    }

    /// <summary>One duration per generation, in production time.</summary>
    public IReadOnlyList<TimeSpan> Draw(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => TimeSpan.FromSeconds(Sample(random)))];
    }

    public override string ToString() => Kind switch
    {
        "uniform" => $"uniform {A:0.#}–{B:0.#} s",
        "normal" => $"normal, mean {A:0.#} s, sd {B:0.#} s",
        _ => $"fixed {A:0.#} s",
    };

    private double Sample(Random random) => Kind switch
    {
        "uniform" => A + random.NextDouble() * (B - A),
        // Box-Muller; a generation never takes less than 10 s.
        "normal" => Math.Max(10, A + B * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())),
        _ => A,
    };
}
