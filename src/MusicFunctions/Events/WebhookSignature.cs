using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MusicFunctions.Events;

/// <summary>
/// How webhook deliveries are signed: HMAC-SHA256, keyed with the UTF-8 bytes of Events:WebhookSecret,
/// over <c>"{unix seconds}." + body</c>, sent as <c>X-MusicFunctions-Signature: t={unix seconds},v1={lowercase hex}</c>.
/// The timestamp is inside the signed text, so a receiver that rejects old timestamps also rejects replays.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-MusicFunctions-Signature";
    public const string EventIdHeader = "X-MusicFunctions-Event-Id";

    /// <summary>The lowercase hex HMAC-SHA256 of <c>"{timestamp}." + body</c>.</summary>
    public static string Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>The signature header's value: <c>t={unix seconds},v1={hex}</c>.</summary>
    public static string HeaderValue(string secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Compute(secret, unixSeconds, body)}";
}
