using System.Net;
using Microsoft.Extensions.Options;
using MusicFunctions.Archive;

namespace MusicFunctions.Tests.Archive;

public class ArchiveSourcePolicyTests
{
    private static ArchiveSourcePolicy Policy(bool allowHttp = false, bool allowPrivate = false, string? allowedHosts = null) =>
        new(Options.Create(new ArchiveOptions
        {
            AllowHttp = allowHttp,
            AllowPrivateNetworkSources = allowPrivate,
            AllowedHosts = allowedHosts,
        }));

    private static ArchiveException Refusal(Action act) =>
        FluentActions.Invoking(act).Should().Throw<ArchiveException>().Which;

    [Fact]
    public void EnsureAllowedUrl_PublicHttpsUrl_IsAllowed() =>
        FluentActions.Invoking(() => Policy().EnsureAllowedUrl(new Uri("https://cdn1.suno.ai/abc.mp3"))).Should().NotThrow();

    [Fact]
    public void EnsureAllowedUrl_HttpWhenNotAllowed_IsRefusedPermanentlyNamingTheSetting()
    {
        var refusal = Refusal(() => Policy().EnsureAllowedUrl(new Uri("http://cdn1.suno.ai/abc.mp3")));

        refusal.IsRetryable.Should().BeFalse();
        refusal.Message.Should().Contain("plain http").And.Contain("Archive:AllowHttp");
    }

    [Fact]
    public void EnsureAllowedUrl_HttpWhenAllowed_IsAllowed() =>
        FluentActions.Invoking(() => Policy(allowHttp: true).EnsureAllowedUrl(new Uri("http://cdn1.suno.ai/abc.mp3"))).Should().NotThrow();

    [Theory]
    [InlineData("ftp://cdn1.suno.ai/abc.mp3")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://cdn1.suno.ai/abc")]
    public void EnsureAllowedUrl_OtherScheme_IsRefusedEvenWithHttpAllowed(string url) =>
        Refusal(() => Policy(allowHttp: true).EnsureAllowedUrl(new Uri(url))).Message.Should().Contain("scheme");

    [Theory]
    [InlineData("https://127.0.0.1/a.mp3", "loopback")]
    [InlineData("https://10.0.0.5/a.mp3", "private")]
    [InlineData("https://[::1]/a.mp3", "loopback")]
    [InlineData("https://[::ffff:192.168.0.1]/a.mp3", "private")]
    [InlineData("https://[fd00::1]/a.mp3", "unique-local")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("https://2130706433/a.mp3", "loopback")] // 127.0.0.1 written as one number
    public void EnsureAllowedUrl_LiteralNonPublicAddress_IsRefusedNamingTheRange(string url, string range)
    {
        var refusal = Refusal(() => Policy().EnsureAllowedUrl(new Uri(url)));

        refusal.IsRetryable.Should().BeFalse();
        refusal.Message.Should().Contain($"a {range} address");
    }

    [Theory]
    [InlineData("https://127.0.0.1/a.mp3")]
    [InlineData("https://192.168.1.20/a.mp3")]
    [InlineData("https://[fe80::1]/a.mp3")]
    public void EnsureAllowedUrl_PrivateAddressWhenPrivateSourcesAllowed_IsAllowed(string url) =>
        FluentActions.Invoking(() => Policy(allowPrivate: true).EnsureAllowedUrl(new Uri(url))).Should().NotThrow();

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::ffff:169.254.169.254]/")]
    [InlineData("https://0.0.0.0/a.mp3")]
    [InlineData("https://224.0.0.1/a.mp3")]
    public void EnsureAllowedUrl_MetadataUnspecifiedOrMulticast_IsRefusedEvenWhenPrivateSourcesAllowed(string url) =>
        Refusal(() => Policy(allowPrivate: true).EnsureAllowedUrl(new Uri(url))).IsRetryable.Should().BeFalse();

    [Theory]
    [InlineData("https://cdn1.suno.ai/a.mp3")]
    [InlineData("https://CDN1.Suno.AI./a.mp3")]
    [InlineData("https://img.cdn.example.com/a.jpeg")]
    [InlineData("https://a.b.cdn.example.com/a.jpeg")]
    public void EnsureAllowedUrl_HostOnTheAllowlist_IsAllowed(string url) =>
        FluentActions.Invoking(() => Policy(allowedHosts: "cdn1.suno.ai, *.cdn.example.com").EnsureAllowedUrl(new Uri(url)))
            .Should().NotThrow();

    [Theory]
    [InlineData("https://cdn2.suno.ai/a.mp3")]
    [InlineData("https://cdn.example.com/a.jpeg")] // the wildcard covers subdomains only
    [InlineData("https://evilcdn.example.com.attacker.net/a.jpeg")]
    [InlineData("https://xcdn.example.com/a.jpeg")]
    [InlineData("https://cdn1.suno.ai.attacker.net/a.mp3")]
    public void EnsureAllowedUrl_HostOffTheAllowlist_IsRefused(string url) =>
        Refusal(() => Policy(allowedHosts: "cdn1.suno.ai,*.cdn.example.com").EnsureAllowedUrl(new Uri(url)))
            .Message.Should().Contain("Archive:AllowedHosts");

    [Fact]
    public void EnsureAllowedAddresses_PublicNameThatAlsoResolvesInside_IsRefused()
    {
        var addresses = new[] { IPAddress.Parse("104.16.1.1"), IPAddress.Parse("10.0.0.7") };

        Refusal(() => Policy().EnsureAllowedAddresses("rebind.example", addresses))
            .Message.Should().Contain("10.0.0.7").And.Contain("private");
    }

    [Fact]
    public void EnsureAllowedAddresses_AllPublic_IsAllowed() =>
        FluentActions.Invoking(() => Policy().EnsureAllowedAddresses("cdn.example", [IPAddress.Parse("104.16.1.1"), IPAddress.Parse("2606:4700::1")]))
            .Should().NotThrow();

    [Fact]
    public async Task ConnectCallback_HostNameResolvingToLoopback_IsRefusedBeforeAnyConnection()
    {
        // Arrange: 'localhost' passes every URL check (it is a name); only the connect-time check can catch it.
        var policy = Policy(allowHttp: true);
        using var http = new HttpClient(policy.CreateHandler());
        FluentActions.Invoking(() => policy.EnsureAllowedUrl(new Uri("http://localhost:9/a.mp3"))).Should().NotThrow();

        // Act
        var act = () => http.GetAsync("http://localhost:9/a.mp3");

        // Assert: refused by our check (not "connection refused" from the port).
        var failure = (await act.Should().ThrowAsync<HttpRequestException>()).Which;
        var refusal = failure.InnerException.Should().BeOfType<ArchiveException>().Which;
        refusal.IsRetryable.Should().BeFalse();
        refusal.Message.Should().Contain("localhost").And.Contain("loopback");
    }

    [Fact]
    public void CreateHandler_Always_FollowsNoRedirectsAndUsesNoProxy()
    {
        using var handler = Policy().CreateHandler();

        handler.AllowAutoRedirect.Should().BeFalse();
        handler.UseProxy.Should().BeFalse();
        handler.ConnectCallback.Should().NotBeNull();
    }
}
