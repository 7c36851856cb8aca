using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MusicFunctions.StandIn;

/// <summary>
/// The bytes of one served file: a format header (so sniffers see an MP3 or a JPEG) over a
/// pseudo-random body. Byte n is computable without generating bytes 0..n-1, so the server
/// can stream any size from a small buffer and tests can regenerate the same bytes.
/// </summary>
internal sealed class FileContentGenerator
{
    // ID3v2.4 tag header with no flags and a syncsafe size of 0, then an MPEG-1 Layer III frame header.
    private static readonly byte[] AudioHeader = [0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFB, 0x90, 0x64];

    // JPEG start-of-image, then a JFIF APP0 segment.
    private static readonly byte[] CoverHeader =
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];

    private readonly ulong _seed;
    private readonly byte[] _header;

    public FileContentGenerator(string taskId, string trackId, StandInFileKind kind)
    {
        _seed = StableRandom.Hash(taskId, trackId, kind.ToString());
        _header = kind == StandInFileKind.Audio ? AudioHeader : CoverHeader;
    }

    /// <summary>Writes the file's bytes from <paramref name="position"/> on into <paramref name="destination"/>.</summary>
    public void Fill(long position, Span<byte> destination)
    {
        // The body is the little-endian SplitMix64 sequence: 8 bytes per counter value.
        var block = position >> 3;
        var offsetInBlock = (int)(position & 7);
        Span<byte> partial = stackalloc byte[8];
        var written = 0;

        if (offsetInBlock != 0 && destination.Length > 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(partial, StableRandom.At(_seed, block++));
            written = Math.Min(8 - offsetInBlock, destination.Length);
            partial.Slice(offsetInBlock, written).CopyTo(destination);
        }
        // The hot path when serving hundreds of MiB: whole blocks, SplitMix64 written out by hand so that
        // Debug builds (which do not inline) generate as fast as the network can carry.
        var words = MemoryMarshal.Cast<byte, ulong>(destination[written..]);
        var state = _seed + (ulong)(block + 1) * StableRandom.GoldenGamma;
        for (var i = 0; i < words.Length; i++)
        {
            var z = state;
            state += StableRandom.GoldenGamma;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            words[i] = BitConverter.IsLittleEndian ? z : BinaryPrimitives.ReverseEndianness(z);
        }
        block += words.Length;
        written += words.Length * sizeof(ulong);
        if (written < destination.Length)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(partial, StableRandom.At(_seed, block));
            partial[..(destination.Length - written)].CopyTo(destination[written..]);
        }

        if (position < _header.Length)
        {
            var headerPart = _header.AsSpan((int)position);
            headerPart[..Math.Min(headerPart.Length, destination.Length)].CopyTo(destination);
        }
    }
}
