using System.Globalization;

namespace MusicFunctions.ArchiveBenchmark;

/// <summary>
/// Command line of the benchmark: <c>[--sizes 10,100,500] [--rounds 3] [--runs 1] [--disk]</c>: file sizes
/// in MiB, rounds (every variant once per round, in turn, so drift hits all alike), warm copies per
/// child process after its cold one, and whether Azurite keeps its data on disk instead of /dev/shm.
/// </summary>
public sealed record BenchmarkSettings(IReadOnlyList<int> SizesMib, int Rounds, int WarmRuns, bool AzuriteOnDisk)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        IReadOnlyList<int> sizes = [10, 100, 500];
        int rounds = 3, runs = 1;
        var onDisk = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sizes" when i + 1 < args.Length:
                    sizes = [.. args[++i].Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture))];
                    break;
                case "--rounds" when i + 1 < args.Length:
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--runs" when i + 1 < args.Length:
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--disk":
                    onDisk = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}; use [--sizes 10,100,500] [--rounds 3] [--runs 1] [--disk].");
            }
        }
        return new BenchmarkSettings(sizes, Math.Max(1, rounds), Math.Max(1, runs), onDisk);
    }
}
