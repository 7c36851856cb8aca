using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MusicFunctions.Archive;

namespace MusicFunctions.IntegrationTests.Archive;

/// <summary>The archiver against a local server that misbehaves in ways the stand-in does not: redirects, odd content, lying sizes.</summary>
[Collection(ArchiveCollection.Name)]
public class ArchiveSourceTests(ArchiveFixture fixture) : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, .. "IHDR"u8, .. new byte[5000]];
    private static readonly byte[] Mp3 = [.. "ID3"u8, 0x04, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0x64, .. new byte[5000]];

    private readonly string _stem = $"gen-{Guid.NewGuid():N}/track-1-t";
    private LocalFileServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalFileServer.StartAsync(IPAddress.Loopback, IPAddress.Parse("127.0.0.2"));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<ArchivedFile> CopyAsync(ServiceProvider services, Uri source, FileKind kind, string stem)
    {
        // No test here should take long; one that hangs (e.g. reading an endless body) fails instead.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await services.GetRequiredService<FileArchiver>().CopyAsync(source, kind, stem, new Dictionary<string, string>(), timeout.Token);
    }

    private async Task AssertNothingStoredAsync() =>
        (await fixture.CommittedBlobsAsync(_stem)).Should().BeEmpty();

    [Fact]
    public async Task CopyAsync_PngServedAsJpeg_IsStoredAsPng()
    {
        _server.ServeBytes("/cover", Png, "image/jpeg");
        await using var services = fixture.BuildServices();

        var archived = await CopyAsync(services, _server.Url("/cover"), FileKind.Cover, _stem);

        archived.BlobName.Should().Be(_stem + ".png");
        archived.ContentType.Should().Be("image/png");
        var properties = (await fixture.Container.GetBlobClient(archived.BlobName).GetPropertiesAsync()).Value;
        properties.ContentType.Should().Be("image/png");
    }

    [Fact]
    public async Task CopyAsync_NoContentLengthAndMoreThanMaxBytes_IsRefusedWhileStreaming()
    {
        // Arrange: a chunked body (no Content-Length) that goes on until the client hangs up (1 GiB at most),
        // against a 1 MiB cap: only a cap counted while streaming ends this quickly.
        _server.Serve("/endless.mp3", async context =>
        {
            context.Response.ContentType = "audio/mpeg";
            var chunk = new byte[64 * 1024];
            Mp3.AsSpan(0, 16).CopyTo(chunk);
            for (long sent = 0; sent < 1024L * MiB && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        await using var services = fixture.BuildServices(settings => settings["Archive:MaxBytes"] = MiB.ToString());

        // Act
        var act = () => CopyAsync(services, _server.Url("/endless.mp3"), FileKind.Audio, _stem);

        // Assert
        var refusal = (await act.Should().ThrowAsync<ArchiveException>()).Which;
        refusal.IsRetryable.Should().BeFalse();
        refusal.Message.Should().Contain($"larger than Archive:MaxBytes ({MiB} bytes)");
        _server.Hits("/endless.mp3").Should().Be(1, "a refusal is not retried");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task CopyAsync_ContentLengthAboveMaxBytes_IsRefusedBeforeReadingTheBody()
    {
        _server.Serve("/big.mp3", async context =>
        {
            context.Response.ContentType = "audio/mpeg";
            context.Response.ContentLength = 64L * MiB;
            var chunk = new byte[64 * 1024];
            for (long sent = 0; sent < 64L * MiB && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        await using var services = fixture.BuildServices(settings => settings["Archive:MaxBytes"] = (2 * MiB).ToString());

        var act = () => CopyAsync(services, _server.Url("/big.mp3"), FileKind.Audio, _stem);

        (await act.Should().ThrowAsync<ArchiveException>()).Which.Message.Should().Contain($"declares {64L * MiB} bytes");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task CopyAsync_RelativeRedirectToAnAllowedTarget_IsFollowed()
    {
        _server.ServeRedirect("/start", "/hop");
        _server.ServeRedirect("/hop", _server.Url("/file.mp3").AbsoluteUri, StatusCodes.Status307TemporaryRedirect);
        _server.ServeBytes("/file.mp3", Mp3, "audio/mpeg");
        await using var services = fixture.BuildServices();

        var archived = await CopyAsync(services, _server.Url("/start"), FileKind.Audio, _stem);

        archived.Size.Should().Be(Mp3.Length);
        _server.Hits("/file.mp3").Should().Be(1);
    }

    [Fact]
    public async Task CopyAsync_RedirectToAHostOffTheAllowlist_IsRefusedWithoutRequestingIt()
    {
        // Arrange: only 127.0.0.1 is allowed; the redirect names the same server as 'localhost'.
        _server.ServeRedirect("/start", new UriBuilder(_server.Url("/file.mp3")) { Host = "localhost" }.Uri.AbsoluteUri);
        _server.ServeBytes("/file.mp3", Mp3, "audio/mpeg");
        await using var services = fixture.BuildServices(settings => settings["Archive:AllowedHosts"] = "127.0.0.1");

        // Act
        var act = () => CopyAsync(services, _server.Url("/start"), FileKind.Audio, _stem);

        // Assert
        var refusal = (await act.Should().ThrowAsync<ArchiveException>()).Which;
        refusal.IsRetryable.Should().BeFalse();
        refusal.Message.Should().Contain("'localhost' is not in Archive:AllowedHosts");
        _server.Hits("/start").Should().Be(1, "a refusal is not retried");
        _server.Hits("/file.mp3").Should().Be(0);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/file.mp3")]
    public async Task CopyAsync_RedirectToAnotherScheme_IsRefused(string location)
    {
        _server.ServeRedirect("/start", location);
        await using var services = fixture.BuildServices();

        var act = () => CopyAsync(services, _server.Url("/start"), FileKind.Audio, _stem);

        (await act.Should().ThrowAsync<ArchiveException>()).Which.Message.Should().Contain("scheme");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task CopyAsync_RedirectToAnAddressRefusedAtConnectTime_IsRefusedWithoutConnecting()
    {
        // Arrange: the test server on 127.0.0.1 poses as a public host; its redirect points at 127.0.0.2,
        // which the connect callback classifies for real (loopback) with private sources off.
        _server.ServeRedirect("/start", _server.Url(IPAddress.Parse("127.0.0.2"), "/file.mp3").AbsoluteUri);
        _server.ServeBytes("/file.mp3", Mp3, "audio/mpeg");
        await using var services = fixture.BuildServices(
            settings => settings["Archive:AllowPrivateNetworkSources"] = "false",
            services => services.AddSingleton(provider => new ArchiveSourcePolicy(
                provider.GetRequiredService<IOptions<ArchiveOptions>>().Value,
                address => address.Equals(IPAddress.Loopback) ? NetworkAddressKind.Public : NetworkAddressClassifier.Classify(address))));

        // Act
        var act = () => CopyAsync(services, _server.Url("/start"), FileKind.Audio, _stem);

        // Assert
        var refusal = (await act.Should().ThrowAsync<ArchiveException>()).Which;
        refusal.IsRetryable.Should().BeFalse();
        refusal.Message.Should().Contain("127.0.0.2, a loopback address");
        _server.Hits("/start").Should().Be(1);
        _server.Hits("/file.mp3").Should().Be(0);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task CopyAsync_EndlessRedirects_AreRefusedAfterMaxRedirects()
    {
        _server.ServeRedirect("/loop", "/loop");
        await using var services = fixture.BuildServices(settings => settings["Archive:MaxRedirects"] = "3");

        var act = () => CopyAsync(services, _server.Url("/loop"), FileKind.Audio, _stem);

        (await act.Should().ThrowAsync<ArchiveException>()).Which.Message.Should().Contain("more than 3 redirects");
        _server.Hits("/loop").Should().Be(4, "the first request and three redirects");
    }

    [Fact]
    public async Task CopyAsync_ServerStallsMidway_FailsRetryablyAfterTheIdleTimeout()
    {
        _server.Serve("/stall.mp3", async context =>
        {
            context.Response.ContentType = "audio/mpeg";
            context.Response.ContentLength = Mp3.Length * 2;
            await context.Response.Body.WriteAsync(Mp3, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        await using var services = fixture.BuildServices(settings =>
        {
            settings["Archive:IdleTimeout"] = "00:00:01";
            settings["Archive:RetryAttempts"] = "0";
        });

        var act = () => CopyAsync(services, _server.Url("/stall.mp3"), FileKind.Audio, _stem);

        var failure = (await act.Should().ThrowAsync<ArchiveException>()).Which;
        failure.IsRetryable.Should().BeTrue();
        failure.Message.Should().Contain("stalled");
        await AssertNothingStoredAsync();
    }
}
