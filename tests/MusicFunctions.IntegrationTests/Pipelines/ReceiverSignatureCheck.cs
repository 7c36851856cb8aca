using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MusicFunctions.IntegrationTests.Pipelines;

/// <summary>
/// Verifies a delivery the way a receiver would from docs/pipelines.md alone, without the app's code:
/// parse <c>t=…,v1=…</c>, HMAC-SHA256 over <c>"{t}." + raw body</c>, compare in constant time, check the age.
/// </summary>
public static class ReceiverSignatureCheck
{
    public static bool IsValid(string secret, string? header, byte[] body, TimeSpan tolerance, out DateTimeOffset signedAt)
    {
        signedAt = default;
        if (header is null)
        {
            return false;
        }
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !parts.TryGetValue("v1", out var v1))
        {
            return false;
        }
        signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((DateTimeOffset.UtcNow - signedAt).Duration() > tolerance)
        {
            return false;
        }
        byte[] signed = [.. Encoding.UTF8.GetBytes(t + "."), .. body];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        byte[] given;
        try
        {
            given = Convert.FromHexString(v1);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
