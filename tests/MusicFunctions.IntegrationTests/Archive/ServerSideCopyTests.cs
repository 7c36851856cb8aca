using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using MusicFunctions.Archive;

namespace MusicFunctions.IntegrationTests.Archive;

/// <summary>
/// Archive:CopyMode=ServerSide on Azurite. Azurite cannot fetch outside URLs itself, so the real copier
/// shows the fallback to streaming; a stand-in for the storage service (it downloads the source and
/// writes the blob, as Put Blob From URL would) shows the server-side path and its checks.
/// </summary>
[Collection(ArchiveCollection.Name)]
public class ServerSideCopyTests(ArchiveFixture fixture) : IAsyncLifetime
{
    private static readonly byte[] Mp3 = [.. "ID3"u8, 0x04, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0x64, .. RandomNumberGenerator.GetBytes(300_000)];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, .. "IHDR"u8, .. new byte[5000]];

    private readonly string _stem = $"gen-{Guid.NewGuid():N}/track-1-t";
    private LocalFileServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalFileServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ServiceProvider ServerSideServices(IServerSideCopier? copier = null) =>
        fixture.BuildServices(
            settings => settings["Archive:CopyMode"] = "ServerSide",
            services =>
            {
                if (copier is not null)
                {
                    services.AddSingleton(copier);
                }
            });

    private static async Task<ArchivedFile> CopyAsync(ServiceProvider services, Uri source, string stem)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await services.GetRequiredService<FileArchiver>().CopyAsync(
            source, FileKind.Audio, stem, new Dictionary<string, string> { ["title"] = "t" }, timeout.Token);
    }

    /// <summary>A storage service that fetches the source itself and stores what <paramref name="serve"/> makes of it.</summary>
    private static Mock<IServerSideCopier> StorageThatFetches(Func<byte[], byte[]>? serve = null)
    {
        var storage = new Mock<IServerSideCopier>();
        storage
            .Setup(copier => copier.CopyAsync(
                It.IsAny<BlockBlobClient>(), It.IsAny<Uri>(), It.IsAny<BlobHttpHeaders>(), It.IsAny<IDictionary<string, string>>(), It.IsAny<CancellationToken>()))
            .Returns(async (BlockBlobClient blob, Uri source, BlobHttpHeaders headers, IDictionary<string, string> metadata, CancellationToken cancellationToken) =>
            {
                using var http = new HttpClient();
                var bytes = await http.GetByteArrayAsync(source, cancellationToken);
                bytes = serve?.Invoke(bytes) ?? bytes;
                var created = await blob.UploadAsync(new MemoryStream(bytes), new BlobUploadOptions { HttpHeaders = headers, Metadata = metadata },
                    cancellationToken);
                return created.Value.ETag;
            });
        return storage;
    }

    [Fact]
    public async Task CopyAsync_StorageFetchesTheFile_StoresItVerifiedAndMarkedComplete()
    {
        // Arrange: the file sits behind a redirect, which the archive follows and checks before storage is asked.
        _server.ServeRedirect("/start", "/file.mp3");
        _server.ServeBytes("/file.mp3", Mp3, "audio/mpeg");
        var storage = StorageThatFetches();
        await using var services = ServerSideServices(storage.Object);

        // Act
        var archived = await CopyAsync(services, _server.Url("/start"), _stem);

        // Assert
        storage.Verify(copier => copier.CopyAsync(
            It.Is<BlockBlobClient>(blob => blob.Name == _stem + ".mp3"),
            _server.Url("/file.mp3"),
            It.Is<BlobHttpHeaders>(headers => headers.ContentType == "audio/mpeg"),
            It.Is<IDictionary<string, string>>(metadata => metadata["title"] == "t" && !metadata.ContainsKey("sha256")),
            It.IsAny<CancellationToken>()), Times.Once);
        archived.Size.Should().Be(Mp3.Length);
        archived.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Mp3)));
        archived.Md5.Should().Be(Convert.ToHexStringLower(MD5.HashData(Mp3)));
        var blob = fixture.Container.GetBlobClient(archived.BlobName);
        (await blob.DownloadContentAsync()).Value.Content.ToArray().Should().Equal(Mp3);
        var properties = (await blob.GetPropertiesAsync()).Value;
        properties.ContentHash.Should().Equal(MD5.HashData(Mp3));
        properties.ContentType.Should().Be("audio/mpeg");
        properties.Metadata["sha256"].Should().Be(archived.Sha256);
        properties.Metadata["size"].Should().Be(Mp3.Length.ToString());
        properties.Metadata["title"].Should().Be("t");
    }

    [Fact]
    public async Task CopyAsync_StorageFetchedACompleteCopyBefore_ReturnsItWithoutAskingAgain()
    {
        // Arrange
        _server.ServeBytes("/file.mp3", Mp3, "audio/mpeg");
        var storage = StorageThatFetches();
        await using var services = ServerSideServices(storage.Object);
        var first = await CopyAsync(services, _server.Url("/file.mp3"), _stem);

        // Act: the activity runs again (at-least-once delivery).
        var second = await CopyAsync(services, _server.Url("/file.mp3"), _stem);

        // Assert
        second.Should().Be(first);
        storage.Verify(copier => copier.CopyAsync(
            It.IsAny<BlockBlobClient>(), It.IsAny<Uri>(), It.IsAny<BlobHttpHeaders>(), It.IsAny<IDictionary<string, string>>(), It.IsAny<CancellationToken>()),
            Times.Once);
        (await fixture.CommittedBlobsAsync(_stem)).Should().ContainSingle();
    }

    [Fact]
    public async Task CopyAsync_StorageStoredFewerBytesThanDeclared_DeletesTheBlobAndRetriesUntilItFails()
    {
        // Arrange: storage keeps getting a cut-off file.
        _server.ServeBytes("/file.mp3", Mp3, "audio/mpeg");
        var storage = StorageThatFetches(bytes => bytes[..(bytes.Length / 2)]);
        await using var services = ServerSideServices(storage.Object);

        // Act
        var act = () => CopyAsync(services, _server.Url("/file.mp3"), _stem);

        // Assert
        var failure = (await act.Should().ThrowAsync<ArchiveException>()).Which;
        failure.IsRetryable.Should().BeTrue();
        failure.Message.Should().Contain($"stored {Mp3.Length / 2} bytes where {Mp3.Length} were declared");
        storage.Invocations.Should().HaveCount(1 + ArchiveFixture.RetryAttempts);
        (await fixture.CommittedBlobsAsync(_stem)).Should().BeEmpty();
    }

    [Fact]
    public async Task CopyAsync_StorageStoredSomethingThatIsNotAudio_DeletesTheBlobAndRefuses()
    {
        // Arrange: the source showed the archive an MP3 but gives storage an image of the same size.
        _server.ServeBytes("/file.mp3", Mp3, "audio/mpeg");
        var storage = StorageThatFetches(bytes => [.. Png, .. new byte[bytes.Length - Png.Length]]);
        await using var services = ServerSideServices(storage.Object);

        // Act
        var act = () => CopyAsync(services, _server.Url("/file.mp3"), _stem);

        // Assert
        var refusal = (await act.Should().ThrowAsync<ArchiveException>()).Which;
        refusal.IsRetryable.Should().BeFalse();
        refusal.Message.Should().Contain("image/png").And.Contain("expected MP3 audio");
        (await fixture.CommittedBlobsAsync(_stem)).Should().BeEmpty();
    }

    [Fact]
    public async Task CopyAsync_StorageCannotVerifyTheSource_StreamsTheFileInstead()
    {
        // Arrange
        _server.ServeBytes("/file.mp3", Mp3, "audio/mpeg");
        var storage = new Mock<IServerSideCopier>();
        storage
            .Setup(copier => copier.CopyAsync(
                It.IsAny<BlockBlobClient>(), It.IsAny<Uri>(), It.IsAny<BlobHttpHeaders>(), It.IsAny<IDictionary<string, string>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException((int)HttpStatusCode.Conflict, "Could not verify the copy source.", "CannotVerifyCopySource", null));
        await using var services = ServerSideServices(storage.Object);

        // Act
        var archived = await CopyAsync(services, _server.Url("/file.mp3"), _stem);

        // Assert
        archived.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Mp3)));
        (await fixture.Container.GetBlobClient(archived.BlobName).DownloadContentAsync()).Value.Content.ToArray().Should().Equal(Mp3);
        _server.Hits("/file.mp3").Should().Be(2, "one request to sniff the file, one to stream it");
        fixture.Logs.Lines.Should().Contain(line => line.Contains("Storage could not copy") && line.Contains("CannotVerifyCopySource"));
    }

    [Fact]
    public async Task CopyAsync_AzuriteWhichCannotFetchOutsideUrls_StreamsAndStopsAskingIt()
    {
        // Arrange: the real Put Blob From URL copier against Azurite, which answers 501.
        _server.ServeBytes("/a.mp3", Mp3, "audio/mpeg");
        _server.ServeBytes("/b.mp3", Mp3, "audio/mpeg");
        await using var services = ServerSideServices();

        // Act
        var first = await CopyAsync(services, _server.Url("/a.mp3"), _stem + "a");
        var second = await CopyAsync(services, _server.Url("/b.mp3"), _stem + "b");

        // Assert
        foreach (var archived in new[] { first, second })
        {
            (await fixture.Container.GetBlobClient(archived.BlobName).DownloadContentAsync()).Value.Content.ToArray().Should().Equal(Mp3);
            archived.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Mp3)));
        }
        _server.Hits("/a.mp3").Should().Be(2, "the first file is sniffed, offered to storage, then streamed");
        _server.Hits("/b.mp3").Should().Be(1, "after a 501 the archive streams straight away");
    }
}
