using System.Text;
using MusicFunctions.Events;

namespace MusicFunctions.Tests.Events;

public class WebhookSignatureTests
{
    private const string Secret = "whsec_test_secret_0123456789abcdef";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event_id":"g1:completed"}""");

    [Fact]
    public void HeaderValue_KnownSecretTimeAndBody_MatchesAnIndependentHmac()
    {
        // Expected value computed outside .NET: HMAC-SHA256(secret, "1767225600." + body), lowercase hex.
        var header = WebhookSignature.HeaderValue(Secret, 1767225600, Body);

        header.Should().Be("t=1767225600,v1=80157c45116205300e64e01468f0603487f609ed3858f80b42ac971c7564a308");
    }

    [Fact]
    public void Compute_DifferentTimestamp_GivesADifferentSignature() =>
        WebhookSignature.Compute(Secret, 1767225601, Body).Should().NotBe(WebhookSignature.Compute(Secret, 1767225600, Body));

    [Fact]
    public void Compute_DifferentSecret_GivesADifferentSignature() =>
        WebhookSignature.Compute(Secret + "x", 1767225600, Body).Should().NotBe(WebhookSignature.Compute(Secret, 1767225600, Body));
}
