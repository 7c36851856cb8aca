using System.Security.Cryptography;
using MusicFunctions.Archive;

namespace MusicFunctions.Tests.Archive;

public class HashingReadStreamTests
{
    [Fact]
    public async Task ReadAsync_WholeStream_HashesAndCountsEveryByte()
    {
        // Arrange
        var data = RandomNumberGenerator.GetBytes(300_001);
        await using var stream = new HashingReadStream(new MemoryStream(data));

        // Act: odd-sized reads, as a network stream delivers them.
        var buffer = new byte[7_777];
        while (await stream.ReadAsync(buffer) > 0)
        {
        }

        // Assert
        stream.BytesRead.Should().Be(data.Length);
        stream.Md5().Should().Equal(MD5.HashData(data));
        stream.Sha256Hex().Should().Be(Convert.ToHexStringLower(SHA256.HashData(data)));
    }
}
