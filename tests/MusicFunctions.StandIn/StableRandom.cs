using System.Text;

namespace MusicFunctions.StandIn;

/// <summary>
/// Deterministic randomness that is the same in every process (string.GetHashCode is not):
/// FNV-1a to hash text, SplitMix64 to turn a counter into well-mixed bits.
/// </summary>
internal static class StableRandom
{
    /// <summary>The SplitMix64 increment (2^64 / golden ratio).</summary>
    public const ulong GoldenGamma = 0x9E3779B97F4A7C15;

    /// <summary>A well-mixed 64-bit hash of the parts; the separator keeps ("ab","c") apart from ("a","bc").</summary>
    public static ulong Hash(params ReadOnlySpan<string> parts)
    {
        const ulong fnvOffsetBasis = 0xCBF29CE484222325;
        const ulong fnvPrime = 0x100000001B3;
        var hash = fnvOffsetBasis;
        foreach (var part in parts)
        {
            foreach (var b in Encoding.UTF8.GetBytes(part))
            {
                hash = (hash ^ b) * fnvPrime;
            }
            hash = (hash ^ 0xFF) * fnvPrime; // 0xFF never occurs in UTF-8
        }
        return Mix(hash);
    }

    /// <summary>The i-th output of a SplitMix64 generator seeded with <paramref name="seed"/>; any i can be computed directly.</summary>
    public static ulong At(ulong seed, long index) => Mix(seed + (ulong)(index + 1) * GoldenGamma);

    /// <summary>The SplitMix64 finaliser.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A version-4-shaped UUID drawn from <paramref name="seed"/>.</summary>
    public static string Uuid(ulong seed)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes[..8], At(seed, 0));
        BitConverter.TryWriteBytes(bytes[8..], At(seed, 1));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
