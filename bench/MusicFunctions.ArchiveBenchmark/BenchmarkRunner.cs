using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MusicFunctions.IntegrationTests.Infrastructure;
using MusicFunctions.StandIn;

namespace MusicFunctions.ArchiveBenchmark;

/// <summary>
/// The parent process: starts Azurite and the stand-in (in-process, 127.0.0.1); for every source pace
/// has the stand-in serve one file per size at that pace, runs every variant for every size in its own
/// child process, prints one section of figures per pace, and stops everything it started.
/// </summary>
public static class BenchmarkRunner
{
    private const string ContainerName = "benchmark";
    private static readonly TimeSpan BaseChildTimeLimit = TimeSpan.FromMinutes(15);

    public static async Task<int> RunAsync(BenchmarkSettings settings)
    {
        var warmCopies = settings.ForcedWarmCopies is { } forced ? $"{forced}" : "by size (enough for 256 MiB, 2 to 8)";
        Console.WriteLine($"Archive benchmark: sizes {string.Join(", ", settings.SizesMib)} MiB; source {string.Join(", then ", settings.SourcePaces)}; " +
            $"{settings.Rounds} rounds of every variant, each in a child process doing 1 cold + {warmCopies} warm copies; " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");
        if (!settings.AzuriteOnDisk && Directory.Exists("/dev/shm"))
        {
            // Azurite (Azurite.cs) keeps its data under the temp folder: in memory, a slow or throttled disk does not blur the figures.
            Environment.SetEnvironmentVariable("TMPDIR", "/dev/shm");
        }
        // Ctrl+C or SIGTERM: stop the running child, then Azurite and the stand-in, instead of leaving them behind.
        using var stop = new CancellationTokenSource();
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
        Console.WriteLine($"Load average before: {LoadAverage()}");

        await using var standIn = await StandInServer.StartAsync();
        Console.WriteLine($"The stand-in ({standIn.RootUrl}) is running; every child gets a fresh Azurite (data under {Path.GetTempPath()}).");

        var scenarios = new List<(SourcePace Pace, List<VariantResult> Results)>();
        foreach (var pace in settings.SourcePaces)
        {
            var results = new List<VariantResult>();
            foreach (var sizeMib in settings.SizesMib)
            {
                var bytes = sizeMib * 1024L * 1024;
                var source = await ServeFileAsync(standIn, bytes, pace);
                var warm = settings.WarmCopies(bytes, pace);
                var rounds = new List<VariantResult>();
                for (var round = 1; round <= settings.Rounds; round++)
                {
                    foreach (var variant in settings.Variants)
                    {
                        VariantResult result;
                        try
                        {
                            // A fresh Azurite per child: every variant finds storage empty, and Azurite frees the space of
                            // deleted blobs only minutes later, so one shared instance fills memory with hundreds of copies.
                            await using var azurite = await Azurite.StartAsync();
                            result = await RunChildAsync(variant, source, bytes, pace, azurite.ConnectionString, warm, stop.Token);
                        }
                        catch (OperationCanceledException) when (stop.IsCancellationRequested)
                        {
                            Console.WriteLine("Interrupted; stopping Azurite and the stand-in.");
                            return 1;
                        }
                        Console.WriteLine($"  source {pace,-10} {sizeMib,4} MiB round {round} {variant,-14} {result.MibPerSecond,8:0.0} MiB/s  " +
                            $"peak working set +{Mib(result.PeakWorkingSetGrowth),6:0.0} MiB (warm copies +{Mib(result.PeakWorkingSetGrowthWarm),6:0.0})  peak managed heap +{Mib(result.PeakManagedHeapGrowth),6:0.0} MiB  " +
                            $"allocated {Mib(result.AllocatedPerWarmCopy),7:0.0} MiB per copy");
                        rounds.Add(result);
                    }
                }
                results.AddRange(rounds.GroupBy(r => r.Variant).Select(VariantResult.Merge));
            }
            scenarios.Add((pace, results));
        }

        Console.WriteLine($"Load average after: {LoadAverage()}");
        foreach (var (pace, results) in scenarios)
        {
            Console.WriteLine();
            Console.WriteLine(Report(pace, results));
        }
        return 0;
    }

    // Other work on the machine blurs throughput figures; the run says how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " (1, 5, 15 min)" : "unknown";

    /// <summary>Has the stand-in serve an MP3 of <paramref name="bytes"/> bytes at <paramref name="pace"/> and returns its URL.</summary>
    private static async Task<Uri> ServeFileAsync(StandInServer standIn, long bytes, SourcePace pace)
    {
        standIn.Enqueue(new GenerationScript { AudioBytes = bytes, FileBytesPerSecond = pace.BytesPerSecond });
        var task = await standIn.SubmitAsync($"benchmark {bytes} bytes");
        return standIn.FileUrl(task.TaskId, task.TrackIds[0], StandInFileKind.Audio);
    }

    private static async Task<VariantResult> RunChildAsync(
        CopyVariant variant, Uri source, long bytes, SourcePace pace, string storage, int warmRuns, CancellationToken stop)
    {
        // A slow source pace alone can take long: it gets twice its copies' time at that pace on top.
        var timeLimit = BaseChildTimeLimit;
        if (pace.BytesPerSecond is { } rate)
        {
            timeLimit += TimeSpan.FromSeconds(2.0 * (1 + warmRuns) * bytes / rate);
        }
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }
        foreach (var argument in new[]
        {
            "--child", variant.ToString(), source.AbsoluteUri, bytes.ToString(CultureInfo.InvariantCulture), storage, ContainerName,
            warmRuns.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(timeLimit);
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(CancellationToken.None);
            if (stop.IsCancellationRequested)
            {
                throw;
            }
            throw new TimeoutException($"{variant} for {bytes} bytes did not finish within {timeLimit.TotalMinutes:0} minutes.");
        }

        var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith(VariantRunner.ResultPrefix, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"{variant} for {bytes} bytes failed (exit {child.ExitCode}):\n{await output}\n{await errors}");
        }
        return JsonSerializer.Deserialize<VariantResult>(line[VariantRunner.ResultPrefix.Length..])!;
    }

    /// <summary>
    /// One source pace's figures as markdown: a heading saying which end limits the copy, one row per size
    /// and variant, then the ratios against the targets.
    /// </summary>
    private static string Report(SourcePace pace, List<VariantResult> results)
    {
        var sizes = results.GroupBy(r => r.Bytes).ToList();
        // The limits and the targets need every variant; a run of some variants (--variants) shows their rows only.
        var complete = Enum.GetValues<CopyVariant>().All(variant => results.Any(r => r.Variant == variant));
        var text = new StringBuilder();
        var source = pace.MibPerSecond is null
            ? "Source unpaced (stand-in on loopback, as fast as it serves)"
            : $"Source paced at {pace} (like a CDN over the internet)";
        text.AppendLine(CultureInfo.InvariantCulture, $"### {source}{(complete ? ": " + SlowerEnd(sizes) : "")}");
        text.AppendLine();
        var warmCopies = string.Join(", ", sizes.Select(size => $"{size.First().WarmSeconds.Length} at {Mib(size.Key):0} MiB"));
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Throughput is the median over the warm copies of all rounds: {warmCopies}. Upload only has no download, so the source pace does not touch it.");
        text.AppendLine();
        text.AppendLine("| File | Variant | MiB/s (median of warm copies) | Cold copy s (median) | Peak working set growth (max) | Peak working set growth, warm copies only | Peak managed heap growth (max) | Allocated per warm copy |");
        text.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Mib(r.Bytes):0} MiB | {Name(r.Variant)} | {r.MibPerSecond:0.0} | {r.ColdSeconds:0.00} | {Mib(r.PeakWorkingSetGrowth):0.0} MiB | {Mib(r.PeakWorkingSetGrowthWarm):0.0} MiB | {Mib(r.PeakManagedHeapGrowth):0.0} MiB | {Mib(r.AllocatedPerWarmCopy):0.0} MiB |");
        }

        if (!complete)
        {
            return text.ToString();
        }
        text.AppendLine();
        text.AppendLine("| File | FileArchiver vs naive (throughput) | vs naive with the same checks | vs download only | vs upload only | FileArchiver peak memory growth | Targets: < 64 MiB, >= naive, >= 75 % of download |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var size in sizes)
        {
            var download = size.Single(r => r.Variant == CopyVariant.DownloadOnly);
            var upload = size.Single(r => r.Variant == CopyVariant.UploadOnly);
            var naive = size.Single(r => r.Variant == CopyVariant.Naive);
            var naiveVerified = size.Single(r => r.Variant == CopyVariant.NaiveVerified);
            var archiver = size.Single(r => r.Variant == CopyVariant.Archiver);
            var vsNaive = archiver.MibPerSecond / naive.MibPerSecond;
            var vsNaiveVerified = archiver.MibPerSecond / naiveVerified.MibPerSecond;
            var vsDownload = archiver.MibPerSecond / download.MibPerSecond;
            var vsUpload = archiver.MibPerSecond / upload.MibPerSecond;
            var met = new List<string>
            {
                archiver.PeakWorkingSetGrowth < 64L * 1024 * 1024 ? "memory met" : "memory MISSED",
                vsNaive >= 1 ? "naive met" : "naive MISSED",
                vsDownload >= 0.75 ? "download met" : "download MISSED",
            };
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Mib(size.Key):0} MiB | {vsNaive:0.00}x | {vsNaiveVerified:0.00}x | {vsDownload:P0} | {vsUpload:P0} | +{Mib(archiver.PeakWorkingSetGrowth):0.0} MiB | {string.Join(", ", met)} |");
        }
        return text.ToString();
    }

    /// <summary>Which end limits any copy, as measured: the slower of download only and upload only, at every size.</summary>
    private static string SlowerEnd(List<IGrouping<long, VariantResult>> sizes)
    {
        var downloadSlower = sizes
            .Select(size => size.Single(r => r.Variant == CopyVariant.DownloadOnly).MibPerSecond < size.Single(r => r.Variant == CopyVariant.UploadOnly).MibPerSecond)
            .ToList();
        return downloadSlower.All(slower => slower) ? "the download is the slower end, the limit of any copy"
            : downloadSlower.All(slower => !slower) ? "storage is the slower end, the limit of any copy"
            : "the slower end differs by size (compare download only with upload only)";
    }

    private static string Name(CopyVariant variant) => variant switch
    {
        CopyVariant.DownloadOnly => "download only (download limit)",
        CopyVariant.UploadOnly => "upload only (storage limit)",
        CopyVariant.Naive => "naive (into memory, then upload)",
        CopyVariant.NaiveVerified => "naive with the same checks (+ MD5, SHA-256)",
        CopyVariant.Archiver => "**FileArchiver (ours, defaults)**",
        _ => "FileArchiver, staged blocks forced",
    };

    private static double Mib(long bytes) => bytes / 1048576.0;
}
