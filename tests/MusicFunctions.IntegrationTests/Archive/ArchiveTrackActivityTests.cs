using System.Net;
using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MusicFunctions.Archive;
using MusicFunctions.Orchestration;
using MusicFunctions.Orchestration.Activities;
using MusicFunctions.StandIn;
using MusicFunctions.Upstream;

namespace MusicFunctions.IntegrationTests.Archive;

[Collection(ArchiveCollection.Name)]
public class ArchiveTrackActivityTests
{
    private const int MiB = 1024 * 1024;

    private readonly ArchiveFixture fixture;

    public ArchiveTrackActivityTests(ArchiveFixture fixture)
    {
        this.fixture = fixture;
        // A test that failed early may have left faults queued; each test starts clean.
        fixture.Upstream.Faults.Clear();
    }

    private static ArchiveTrackInput InputFor(ArchiveFixture fixture, StandInTaskRecord task, int trackIndex = 0) => new()
    {
        GenerationId = "gen-" + Guid.NewGuid().ToString("N"),
        TaskId = task.TaskId,
        Number = trackIndex + 1,
        RequestedModel = "suno-v5",
        Track = new UpstreamTrack
        {
            Id = task.TrackIds[trackIndex],
            Title = "Tëst sóng",
            AudioUrl = fixture.Upstream.FileUrl(task.TaskId, task.TrackIds[trackIndex], StandInFileKind.Audio).AbsoluteUri,
            ImageUrl = fixture.Upstream.FileUrl(task.TaskId, task.TrackIds[trackIndex], StandInFileKind.Cover).AbsoluteUri,
        },
    };

    /// <summary>Settings that send files as staged blocks (true) or as one streamed Put Blob request (false, the default for these sizes).</summary>
    private static Action<Dictionary<string, string?>> UploadPath(bool inBlocks) => settings =>
    {
        if (inBlocks)
        {
            settings["Archive:SingleUploadMaxBytes"] = "0";
        }
    };

    private static async Task<ArchivedTrack> RunAsync(ServiceProvider services, ArchiveTrackInput input) =>
        await services.GetRequiredService<ArchiveTrackActivity>().RunAsync(input, CancellationToken.None);

    /// <summary>Blocks the blob was committed from: 0 for one Put Blob request, one per 4 MiB for staged blocks.</summary>
    private async Task<int> CommittedBlockCountAsync(string blobName) =>
        (await fixture.Container.GetBlockBlobClient(blobName).GetBlockListAsync(BlockListTypes.Committed)).Value.CommittedBlocks.Count();

    private async Task<byte[]> DownloadAsync(string blobName) =>
        (await fixture.Container.GetBlobClient(blobName).DownloadContentAsync()).Value.Content.ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_StandInTrack_ArchivesBothFilesByteForByteWithHashesAndMetadata(bool inBlocks)
    {
        // Arrange: 9 MiB spans three staged blocks.
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript { AudioBytes = 9 * MiB + 123, CoverBytes = 30_000 });
        var input = InputFor(fixture, task);
        await using var services = fixture.BuildServices(UploadPath(inBlocks));
        var expectedAudio = StandInFiles.Expected(task.TaskId, input.Track.Id, StandInFileKind.Audio, 9 * MiB + 123);
        var expectedCover = StandInFiles.Expected(task.TaskId, input.Track.Id, StandInFileKind.Cover, 30_000);

        // Act
        var archived = await RunAsync(services, input);

        // Assert
        archived.Audio.BlobName.Should().Be($"{input.GenerationId}/track-1-{input.Track.Id}.mp3");
        archived.Audio.ContentType.Should().Be("audio/mpeg");
        archived.Audio.Size.Should().Be(expectedAudio.Length);
        archived.Audio.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(expectedAudio)));
        archived.Audio.Md5.Should().Be(Convert.ToHexStringLower(MD5.HashData(expectedAudio)));
        (await DownloadAsync(archived.Audio.BlobName)).Should().Equal(expectedAudio);

        archived.Cover!.BlobName.Should().Be($"{input.GenerationId}/track-1-{input.Track.Id}-cover.jpeg");
        archived.Cover.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(expectedCover)));
        (await DownloadAsync(archived.Cover.BlobName)).Should().Equal(expectedCover);

        var properties = (await fixture.Container.GetBlobClient(archived.Audio.BlobName).GetPropertiesAsync()).Value;
        properties.ContentHash.Should().Equal(MD5.HashData(expectedAudio));
        properties.ContentType.Should().Be("audio/mpeg");
        properties.Metadata["sha256"].Should().Be(archived.Audio.Sha256);
        properties.Metadata["size"].Should().Be(expectedAudio.Length.ToString());
        properties.Metadata["title"].Should().Be(Uri.EscapeDataString("Tëst sóng"));
        (await CommittedBlockCountAsync(archived.Audio.BlobName)).Should().Be(inBlocks ? 3 : 0);
    }

    [Theory]
    [InlineData(9 * MiB + 123, 3)]
    [InlineData(4 * MiB, 0)]
    public async Task RunAsync_FileAboveSingleUploadMaxBytes_GoesAsStagedBlocksOtherwiseAsOneRequest(int audioBytes, int expectedBlocks)
    {
        // Arrange: a 4 MiB threshold; one file above it, one exactly at it.
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript { AudioBytes = audioBytes, CoverBytes = 30_000 });
        var input = InputFor(fixture, task);
        await using var services = fixture.BuildServices(settings => settings["Archive:SingleUploadMaxBytes"] = (4 * MiB).ToString());

        // Act
        var archived = await RunAsync(services, input);

        // Assert
        (await CommittedBlockCountAsync(archived.Audio.BlobName)).Should().Be(expectedBlocks);
        (await DownloadAsync(archived.Audio.BlobName)).Should()
            .Equal(StandInFiles.Expected(task.TaskId, input.Track.Id, StandInFileKind.Audio, audioBytes));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_AudioCutOffMidway_RetriesFromTheStartAndStoresTheVerifiedFile(bool inBlocks)
    {
        // Arrange: the first try dies after one whole block was staged.
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript { AudioBytes = 6 * MiB });
        var input = InputFor(fixture, task);
        fixture.Upstream.InjectFault(StandInEndpoint.Audio, StandInFault.CutOffAfter(FileArchiver.BlockSize + MiB / 2));
        await using var services = fixture.BuildServices(UploadPath(inBlocks));

        // Act
        var archived = await RunAsync(services, input);

        // Assert
        (await fixture.FileRequestsForAsync(task.TaskId, StandInFileKind.Audio, atLeast: 2)).Should().Be(2, "the cut-off copy is retried once");
        var expected = StandInFiles.Expected(task.TaskId, input.Track.Id, StandInFileKind.Audio, 6 * MiB);
        archived.Audio.Size.Should().Be(expected.Length);
        archived.Audio.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(expected)));
        (await DownloadAsync(archived.Audio.BlobName)).Should().Equal(expected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_AudioCutOffOnEveryTry_FailsRetryablyWithoutAnyBlob(bool inBlocks)
    {
        // Arrange
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript { AudioBytes = 6 * MiB });
        var input = InputFor(fixture, task);
        fixture.Upstream.InjectFault(StandInEndpoint.Audio, StandInFault.CutOffAfter(FileArchiver.BlockSize + MiB), times: ArchiveFixture.RetryAttempts + 1);
        await using var services = fixture.BuildServices(UploadPath(inBlocks));

        // Act
        var act = () => RunAsync(services, input);

        // Assert: retryable for the orchestration's policy, bounded here, and nothing partial committed.
        var failure = (await act.Should().ThrowAsync<ArchiveException>()).Which;
        failure.IsRetryable.Should().BeTrue();
        failure.Message.Should().Contain("cut off");
        (await fixture.FileRequestsForAsync(task.TaskId, StandInFileKind.Audio, atLeast: ArchiveFixture.RetryAttempts + 1)).Should().Be(ArchiveFixture.RetryAttempts + 1);
        (await fixture.CommittedBlobsAsync(input.GenerationId + "/")).Should().BeEmpty();
    }

    [Theory]
    [InlineData(403)]
    [InlineData(503)]
    public async Task RunAsync_CdnErrorOnFirstTry_IsRetriedAndArchives(int status)
    {
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript());
        var input = InputFor(fixture, task);
        fixture.Upstream.InjectFault(StandInEndpoint.Audio, StandInFault.Status(status));
        await using var services = fixture.BuildServices();

        var archived = await RunAsync(services, input);

        (await fixture.FileRequestsForAsync(task.TaskId, StandInFileKind.Audio, atLeast: 2)).Should().Be(2);
        (await DownloadAsync(archived.Audio.BlobName))
            .Should().Equal(StandInFiles.Expected(task.TaskId, input.Track.Id, StandInFileKind.Audio, archived.Audio.Size));
    }

    [Fact]
    public async Task RunAsync_Cdn403OnEveryTry_GivesUpAfterTheConfiguredAttempts()
    {
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript());
        var input = InputFor(fixture, task);
        fixture.Upstream.InjectFault(StandInEndpoint.Audio, StandInFault.Status(403), times: 4);
        await using var services = fixture.BuildServices(settings => settings["Archive:RetryAttempts"] = "3");

        var act = () => RunAsync(services, input);

        (await act.Should().ThrowAsync<ArchiveException>()).Which.IsRetryable.Should().BeTrue();
        (await fixture.FileRequestsForAsync(task.TaskId, StandInFileKind.Audio, atLeast: 4)).Should().Be(4, "one try and three retries");
    }

    [Fact]
    public async Task RunAsync_Cdn404_FailsPermanentlyWithoutRetrying()
    {
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript());
        var input = InputFor(fixture, task);
        fixture.Upstream.InjectFault(StandInEndpoint.Audio, StandInFault.Status(404));
        await using var services = fixture.BuildServices();

        var act = () => RunAsync(services, input);

        (await act.Should().ThrowAsync<PermanentFailureException>()).WithMessage("*HTTP 404*");
        (await fixture.FileRequestsForAsync(task.TaskId, StandInFileKind.Audio, atLeast: 1)).Should().Be(1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_Rerun_LeavesOneBlobPerFileAndDoesNotDownloadAgain(bool inBlocks)
    {
        // Arrange
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript { AudioBytes = 5 * MiB });
        var input = InputFor(fixture, task);
        await using var services = fixture.BuildServices(UploadPath(inBlocks));
        var first = await RunAsync(services, input);
        var requestsAfterFirstRun = fixture.Upstream.FileRequestCount;

        // Act
        var second = await RunAsync(services, input);

        // Assert
        fixture.Upstream.FileRequestCount.Should().Be(requestsAfterFirstRun, "a complete copy of the same source is already stored");
        second.Should().BeEquivalentTo(first);
        var blobs = await fixture.CommittedBlobsAsync(input.GenerationId + "/");
        blobs.Select(b => b.Name).Should().BeEquivalentTo([first.Audio.BlobName, first.Cover!.BlobName]);
        (await DownloadAsync(second.Audio.BlobName))
            .Should().Equal(StandInFiles.Expected(task.TaskId, input.Track.Id, StandInFileKind.Audio, 5 * MiB));
    }

    [Fact]
    public async Task RunAsync_StoredBlobIsNotAVerifiedCopyOfTheSource_DownloadsAgainAndReplacesIt()
    {
        // Arrange: a blob under the audio's name that this source did not produce (e.g. written by hand or by an older version).
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript());
        var input = InputFor(fixture, task);
        await using var services = fixture.BuildServices();
        var audioName = BlobNaming.Audio(input.GenerationId, input.Number, input.Track.Id, "mp3");
        await fixture.Container.CreateIfNotExistsAsync();
        await fixture.Container.GetBlobClient(audioName).UploadAsync(BinaryData.FromString("ID3 not the real file"),
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["sha256"] = new string('0', 64), ["size"] = "21" } });

        // Act
        var archived = await RunAsync(services, input);

        // Assert
        (await fixture.FileRequestsForAsync(task.TaskId, StandInFileKind.Audio, atLeast: 1)).Should().Be(1);
        archived.Audio.BlobName.Should().Be(audioName);
        (await DownloadAsync(audioName)).Should().Equal(StandInFiles.Expected(task.TaskId, input.Track.Id, StandInFileKind.Audio, archived.Audio.Size));
    }

    [Fact]
    public async Task RunAsync_TrackIdsFullOfDotDots_StayInsideTheGenerationFolderWithoutColliding()
    {
        // Arrange
        string[] hostileIds = ["../../../../etc/passwd", "..\\..\\x/../../y", "..", "%2e%2e%2fup"];
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript { TrackIds = hostileIds });
        await using var services = fixture.BuildServices();
        var generationId = "gen-" + Guid.NewGuid().ToString("N");

        // Act
        var archived = new List<ArchivedTrack>();
        for (var i = 0; i < hostileIds.Length; i++)
        {
            archived.Add(await RunAsync(services, InputFor(fixture, task, i) with { GenerationId = generationId }));
        }

        // Assert
        var names = archived.SelectMany(t => new[] { t.Audio.BlobName, t.Cover!.BlobName }).ToList();
        names.Should().OnlyHaveUniqueItems();
        names.Should().AllSatisfy(name =>
        {
            name.Should().StartWith(generationId + "/track-");
            name.Split('/').Should().HaveCount(2);
            name.Should().NotContain("..").And.NotContain("\\").And.NotContain("%");
        });
        var everyBlob = await fixture.CommittedBlobsAsync("");
        everyBlob.Select(b => b.Name).Where(n => !n.StartsWith("gen-", StringComparison.Ordinal)).Should().BeEmpty();
        (await DownloadAsync(archived[0].Audio.BlobName))
            .Should().Equal(StandInFiles.Expected(task.TaskId, hostileIds[0], StandInFileKind.Audio, archived[0].Audio.Size));
    }

    [Fact]
    public async Task RunAsync_FileLargerThanMaxBytes_IsRefusedUpFrontWithoutABlob()
    {
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript { AudioBytes = 3 * MiB });
        var input = InputFor(fixture, task);
        await using var services = fixture.BuildServices(settings => settings["Archive:MaxBytes"] = MiB.ToString());

        var act = () => RunAsync(services, input);

        (await act.Should().ThrowAsync<PermanentFailureException>())
            .WithMessage($"*declares {3 * MiB} bytes, more than Archive:MaxBytes ({MiB})*");
        (await fixture.FileRequestsForAsync(task.TaskId, StandInFileKind.Audio, atLeast: 1)).Should().Be(1, "a refusal is not retried");
        (await fixture.CommittedBlobsAsync(input.GenerationId + "/")).Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_HtmlErrorPageServedAsAudioMpeg_IsRefusedWithoutABlob()
    {
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript());
        var input = InputFor(fixture, task);
        fixture.Upstream.InjectFault(StandInEndpoint.Audio,
            StandInFault.Status(200, "<html><head><title>Access denied</title></head><body>Expired link</body></html>", "audio/mpeg"));
        await using var services = fixture.BuildServices();

        var act = () => RunAsync(services, input);

        (await act.Should().ThrowAsync<PermanentFailureException>())
            .WithMessage("*served as 'audio/mpeg'*'<html><head><tit'*expected MP3 audio*");
        (await fixture.CommittedBlobsAsync(input.GenerationId + "/")).Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_LoopbackSourceWithPrivateSourcesOff_IsRefusedBeforeAnyRequestAndWritesNoBlob()
    {
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript());
        var input = InputFor(fixture, task);
        await using var services = fixture.BuildServices(settings => settings["Archive:AllowPrivateNetworkSources"] = "false");

        var act = () => RunAsync(services, input);

        (await act.Should().ThrowAsync<PermanentFailureException>())
            .WithMessage("*resolves to 127.0.0.1, a loopback address*Archive:AllowPrivateNetworkSources*");
        (await fixture.FileRequestsForAsync(task.TaskId, StandInFileKind.Audio, atLeast: 0)).Should().Be(0);
        (await fixture.CommittedBlobsAsync(input.GenerationId + "/")).Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_LocalhostNameWithPrivateSourcesOff_IsRefusedAtConnectTime()
    {
        // A host name passes the URL checks; only the connect callback sees where it resolves.
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript());
        var input = InputFor(fixture, task);
        var byName = new UriBuilder(input.Track.AudioUrl!) { Host = "localhost" }.Uri.AbsoluteUri;
        input = input with { Track = input.Track with { AudioUrl = byName } };
        await using var services = fixture.BuildServices(settings => settings["Archive:AllowPrivateNetworkSources"] = "false");

        var act = () => RunAsync(services, input);

        (await act.Should().ThrowAsync<PermanentFailureException>()).WithMessage("*'localhost' resolves to*loopback*");
        (await fixture.FileRequestsForAsync(task.TaskId, StandInFileKind.Audio, atLeast: 0)).Should().Be(0);
        (await fixture.CommittedBlobsAsync(input.GenerationId + "/")).Should().BeEmpty();
    }

    /// <summary>
    /// Every address class the archive refuses (besides loopback, above), each by literal address and by
    /// host name: the class under test, whether Archive:AllowPrivateNetworkSources is on, and how the refusal names it.
    /// Cloud metadata, multicast, unspecified and reserved space stay refused with private sources allowed.
    /// </summary>
    public static TheoryData<NetworkAddressKind, bool, string, bool> RefusedAddressClasses()
    {
        var classes = new (NetworkAddressKind Kind, bool PrivateSourcesAllowed, string Described)[]
        {
            (NetworkAddressKind.Private, false, "private"),
            (NetworkAddressKind.CarrierGradeNat, false, "carrier-grade NAT"),
            (NetworkAddressKind.LinkLocal, false, "link-local"),
            (NetworkAddressKind.UniqueLocal, false, "unique-local"),
            (NetworkAddressKind.CloudMetadata, false, "cloud metadata"),
            (NetworkAddressKind.CloudMetadata, true, "cloud metadata"),
            (NetworkAddressKind.Multicast, false, "multicast"),
            (NetworkAddressKind.Multicast, true, "multicast"),
            (NetworkAddressKind.Unspecified, true, "unspecified"),
            (NetworkAddressKind.Reserved, true, "reserved"),
        };
        var data = new TheoryData<NetworkAddressKind, bool, string, bool>();
        foreach (var (kind, privateSourcesAllowed, described) in classes)
        {
            data.Add(kind, privateSourcesAllowed, described, false);
            data.Add(kind, privateSourcesAllowed, described, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedAddressClasses))]
    public async Task RunAsync_SourceInARefusedAddressClass_IsRefusedNamingTheClassWithoutARequestOrABlob(
        NetworkAddressKind kind, bool privateSourcesAllowed, string described, bool byHostName)
    {
        // Arrange: the stand-in (on 127.0.0.1) poses as an address of the class under test, so nothing leaves this
        // machine even if a refusal failed; how each real address is classified is unit-tested on its own.
        // By literal address the URL check refuses it before any request; by host name only the connect callback can.
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript());
        var input = InputFor(fixture, task);
        var host = byHostName ? "localhost" : "127.0.0.1";
        input = input with { Track = input.Track with { AudioUrl = new UriBuilder(input.Track.AudioUrl!) { Host = host }.Uri.AbsoluteUri } };
        await using var services = fixture.BuildServices(
            settings => settings["Archive:AllowPrivateNetworkSources"] = privateSourcesAllowed ? "true" : "false",
            services => services.AddSingleton(provider => new ArchiveSourcePolicy(
                provider.GetRequiredService<IOptions<ArchiveOptions>>().Value,
                address => IPAddress.IsLoopback(address) ? kind : NetworkAddressClassifier.Classify(address))));

        // Act
        var act = () => RunAsync(services, input);

        // Assert
        (await act.Should().ThrowAsync<PermanentFailureException>())
            .WithMessage($"*Refused to download: the host '{host}' resolves to *, a {described} address*");
        (await fixture.FileRequestsForAsync(task.TaskId, StandInFileKind.Audio, atLeast: 0)).Should().Be(0);
        (await fixture.CommittedBlobsAsync(input.GenerationId + "/")).Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_HttpSourceWhenHttpNotAllowed_IsRefusedWithoutARequest()
    {
        var task = await fixture.CreateUpstreamTaskAsync(new GenerationScript());
        var input = InputFor(fixture, task);
        await using var services = fixture.BuildServices(settings => settings["Archive:AllowHttp"] = "false");

        var act = () => RunAsync(services, input);

        (await act.Should().ThrowAsync<PermanentFailureException>()).WithMessage("*plain http*Archive:AllowHttp*");
        (await fixture.FileRequestsForAsync(task.TaskId, StandInFileKind.Audio, atLeast: 0)).Should().Be(0);
        (await fixture.CommittedBlobsAsync(input.GenerationId + "/")).Should().BeEmpty();
    }
}
