using System.Globalization;

namespace MusicFunctions.ArchiveBenchmark;

/// <summary>
/// Command line of the benchmark: <c>[--sizes 10,100,500] [--source-rate unpaced,60] [--variants all] [--rounds 3] [--runs N] [--disk]</c>:
/// file sizes in MiB; source paces (the whole matrix runs once per pace: <c>unpaced</c> or MiB/s, comma-separated
/// or repeated); the variants to run (names of <see cref="CopyVariant"/>, comma-separated; default all); rounds (every variant once per round, in turn, so drift hits all alike); warm copies per child
/// process after its cold one (default: by size, see <see cref="WarmCopies"/>); whether Azurite keeps its data on
/// disk instead of /dev/shm.
/// </summary>
public sealed record BenchmarkSettings(
    IReadOnlyList<int> SizesMib, IReadOnlyList<SourcePace> SourcePaces, IReadOnlyList<CopyVariant> Variants, int Rounds, int? ForcedWarmCopies,
    bool AzuriteOnDisk)
{
    private const string Usage = "[--sizes 10,100,500] [--source-rate unpaced,60] [--variants all] [--rounds 3] [--runs N] [--disk]";

    // By default every child moves at least this much in warm copies: one warm copy of 10 MiB takes
    // about 0.1 s, and a median of one or two such copies is mostly noise.
    private const long WarmBytesTarget = 256L * 1024 * 1024;
    private const int MinWarmCopies = 2;
    private const int MaxWarmCopies = 8;

    // With a slow source pace, fewer warm copies (never below the minimum) so a child's warm copies take about this long at most.
    private static readonly TimeSpan PacedWarmTimeBudget = TimeSpan.FromSeconds(30);

    public static BenchmarkSettings Parse(string[] args)
    {
        IReadOnlyList<int> sizes = [10, 100, 500];
        List<SourcePace>? paces = null;
        IReadOnlyList<CopyVariant> variants = Enum.GetValues<CopyVariant>();
        int rounds = 3;
        int? runs = null;
        var onDisk = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sizes" when i + 1 < args.Length:
                    sizes = [.. args[++i].Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture))];
                    break;
                case "--source-rate" when i + 1 < args.Length:
                    // The first --source-rate replaces the default; more of them add to it.
                    paces ??= [];
                    paces.AddRange(args[++i].Split(',').Select(SourcePace.Parse));
                    break;
                case "--variants" when i + 1 < args.Length:
                    var names = args[++i];
                    variants = names == "all"
                        ? Enum.GetValues<CopyVariant>()
                        : [.. names.Split(',').Select(name => Enum.Parse<CopyVariant>(name, ignoreCase: true))];
                    break;
                case "--rounds" when i + 1 < args.Length:
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--runs" when i + 1 < args.Length:
                    runs = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                case "--disk":
                    onDisk = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}; use {Usage}.");
            }
        }
        IReadOnlyList<SourcePace> sourcePaces = paces is null ? [SourcePace.Unpaced, new SourcePace(60)] : [.. paces.Distinct()];
        return new BenchmarkSettings(sizes, sourcePaces, variants, Math.Max(1, rounds), runs, onDisk);
    }

    /// <summary>
    /// Warm copies per child for a file of <paramref name="bytes"/>: <c>--runs</c> if given; else enough to move
    /// 256 MiB, between 2 and 8 (10 MiB: 8, 100 MiB: 3, 500 MiB: 2), and with a paced source no more than fit
    /// in about 30 s at its pace.
    /// </summary>
    public int WarmCopies(long bytes, SourcePace pace)
    {
        if (ForcedWarmCopies is { } forced)
        {
            return forced;
        }
        var copies = (int)Math.Clamp((WarmBytesTarget + bytes - 1) / bytes, MinWarmCopies, MaxWarmCopies);
        if (pace.BytesPerSecond is { } rate)
        {
            var fitInBudget = (int)Math.Min(int.MaxValue, PacedWarmTimeBudget.TotalSeconds * rate / bytes);
            copies = Math.Max(MinWarmCopies, Math.Min(copies, fitInBudget));
        }
        return copies;
    }
}
