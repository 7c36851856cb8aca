using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicFunctions.Archive;
using MusicFunctions.Configuration;

namespace MusicFunctions.ArchiveBenchmark;

/// <summary>
/// The child process: sets up one variant, takes a memory baseline, then copies the file once cold
/// and N times warm while a sampler watches the working set and managed heap.
/// </summary>
public static class VariantRunner
{
    public const string ResultPrefix = "RESULT ";

    // Where FileArchiver switches from one Put Blob to staged blocks by default; upload only switches there too.
    private static readonly long SingleUploadLimit = new ArchiveOptions().SingleUploadMaxBytes;

    /// <summary>Arguments: variant, source URL, bytes, storage connection string, container, warm runs.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var variant = Enum.Parse<CopyVariant>(args[0]);
        var source = new Uri(args[1]);
        var bytes = long.Parse(args[2], CultureInfo.InvariantCulture);
        var connectionString = args[3];
        var containerName = args[4];
        var warmRuns = int.Parse(args[5], CultureInfo.InvariantCulture);

        await using var setup = Setup(variant, connectionString, containerName, bytes);
        var copy = setup.Copy;

        // Baseline: everything set up, a full compacting GC, nothing of the file in memory yet.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var baselineWorkingSet = Environment.WorkingSet;
        var baselineHeap = GC.GetTotalMemory(forceFullCollection: false);

        double cold;
        long allocatedBeforeWarm, allocatedInWarm;
        var warm = new double[warmRuns];
        // One sampler for the cold copy, which also pays one-time costs (JIT, type loading, connection set-up),
        // another for the warm copies: the steady state, where memory that grew with the file would show.
        var coldSampler = new MemorySampler(TimeSpan.FromMilliseconds(5));
        try
        {
            cold = await TimeAsync(() => copy(source, 0));
        }
        finally
        {
            coldSampler.Dispose();
        }
        var warmSampler = new MemorySampler(TimeSpan.FromMilliseconds(5));
        try
        {
            allocatedBeforeWarm = GC.GetTotalAllocatedBytes(precise: true);
            for (var run = 0; run < warmRuns; run++)
            {
                warm[run] = await TimeAsync(() => copy(source, run + 1));
            }
            allocatedInWarm = GC.GetTotalAllocatedBytes(precise: true) - allocatedBeforeWarm;
        }
        finally
        {
            warmSampler.Dispose();
        }

        var result = new VariantResult
        {
            Variant = variant,
            Bytes = bytes,
            ColdSeconds = cold,
            WarmSeconds = warm,
            BaselineWorkingSet = baselineWorkingSet,
            PeakWorkingSetGrowth = Math.Max(coldSampler.PeakWorkingSet, warmSampler.PeakWorkingSet) - baselineWorkingSet,
            PeakWorkingSetGrowthWarm = warmSampler.PeakWorkingSet - baselineWorkingSet,
            PeakManagedHeapGrowth = Math.Max(coldSampler.PeakManagedHeap, warmSampler.PeakManagedHeap) - baselineHeap,
            AllocatedPerWarmCopy = allocatedInWarm / warmRuns,
        };
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var stopwatch = Stopwatch.StartNew();
        await action();
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static VariantSetup Setup(CopyVariant variant, string connectionString, string containerName, long bytes)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        switch (variant)
        {
            case CopyVariant.DownloadOnly:
            {
                var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
                return new VariantSetup(async (source, _) =>
                {
                    using var response = await http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead);
                    response.EnsureSuccessStatusCode();
                    await using var body = await response.Content.ReadAsStreamAsync();
                    await body.CopyToAsync(Stream.Null);
                }, http);
            }
            case CopyVariant.UploadOnly:
            {
                var container = new BlobContainerClient(connectionString, containerName);
                container.CreateIfNotExists();
                // Storage written to the way FileArchiver writes, so this is the limit of a copy, not of a slower path:
                // up to FileArchiver's single-request limit one Put Blob without a checksum (storage computes the blob's MD5
                // anyway; a checksum would make the SDK hash the whole stream in an extra pass before sending); above
                // it staged blocks, each with its MD5, without which Azurite computes a CRC64 of every block in
                // JavaScript at about 50 MiB/s, a cost the copy does not pay.
                var options = new BlobUploadOptions
                {
                    TransferOptions = new StorageTransferOptions { InitialTransferSize = SingleUploadLimit },
                    TransferValidation = bytes <= SingleUploadLimit
                        ? null
                        : new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
                };
                return new VariantSetup(async (source, run) =>
                {
                    // Bytes like the stand-in's, generated while they are sent.
                    await using var content = StandIn.StandInFiles.Open("upload-only", runId, StandIn.StandInFileKind.Audio, bytes);
                    await container.GetBlockBlobClient($"upload-{runId}/{run}.mp3").UploadAsync(content, options);
                }, new NothingToDispose());
            }
            case CopyVariant.Naive or CopyVariant.NaiveVerified:
            {
                var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
                var container = new BlobContainerClient(connectionString, containerName);
                container.CreateIfNotExists();
                // With the checks: the hashes go with the upload, as Content-MD5 (storage verifies it) and sha256 metadata.
                BlobUploadOptions Options(byte[] file) => variant == CopyVariant.Naive ? new() : new()
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "audio/mpeg", ContentHash = MD5.HashData(file) },
                    Metadata = new Dictionary<string, string> { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(file)) },
                };
                return new VariantSetup(async (source, run) =>
                {
                    var file = await http.GetByteArrayAsync(source);
                    await container.GetBlobClient($"{variant}-{runId}/{run}.mp3").UploadAsync(BinaryData.FromBytes(file), Options(file));
                }, http);
            }
            case CopyVariant.Archiver or CopyVariant.ArchiverBlocks:
            {
                var settings = new Dictionary<string, string?>
                {
                    ["MusicApi:ApiKey"] = "benchmark",
                    ["ArchiveStorage"] = connectionString,
                    ["Archive:Container"] = containerName,
                    ["Archive:AllowHttp"] = "true",
                    ["Archive:AllowPrivateNetworkSources"] = "true",
                    ["Archive:MaxBytes"] = (4L * 1024 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
                };
                if (variant == CopyVariant.ArchiverBlocks)
                {
                    settings["Archive:SingleUploadMaxBytes"] = "0";
                }
                var services = new ServiceCollection()
                    .AddLogging()
                    // Archive__UploadConcurrency=2 and the like in the environment try other settings.
                    .AddMusicFunctions(new ConfigurationBuilder().AddInMemoryCollection(settings).AddEnvironmentVariables().Build())
                    .BuildServiceProvider();
                var archiver = services.GetRequiredService<FileArchiver>();
                var metadata = new Dictionary<string, string> { ["benchmark"] = runId };
                return new VariantSetup((source, run) =>
                    archiver.CopyAsync(source, FileKind.Audio, $"archiver-{runId}/{run}", metadata, CancellationToken.None), services);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(variant), variant, null);
        }
    }
}
