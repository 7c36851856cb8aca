using System.Security.Cryptography;
using MusicFunctions.Archive;

namespace MusicFunctions.Tests.Archive;

public class SourceStreamTests
{
    private static SourceStream Over(Stream inner, ArchiveOptions? options = null) =>
        new(new HashingReadStream(inner), new CancellationTokenSource(), options ?? new ArchiveOptions(),
            new Uri("https://cdn.example/a.mp3?sig=secret"), CancellationToken.None);

    [Fact]
    public async Task PeekAsync_ThenRead_ReturnsThePeekedBytesAgainFollowedByTheRest()
    {
        var data = RandomNumberGenerator.GetBytes(1000);
        await using var stream = Over(new MemoryStream(data));

        var head = await stream.PeekAsync(16);
        var all = new MemoryStream();
        await stream.CopyToAsync(all);

        head.ToArray().Should().Equal(data[..16]);
        all.ToArray().Should().Equal(data);
        stream.Sha256Hex().Should().Be(Convert.ToHexStringLower(SHA256.HashData(data)), "peeked bytes are hashed once, in order");
    }

    [Fact]
    public async Task ReadAsync_MoreThanMaxBytes_RefusesPermanentlyAndKeepsTheFailure()
    {
        await using var stream = Over(new MemoryStream(new byte[5000]), new ArchiveOptions { MaxBytes = 4096 });

        var act = () => stream.CopyToAsync(Stream.Null);

        var refusal = (await act.Should().ThrowAsync<ArchiveException>()).Which;
        refusal.IsRetryable.Should().BeFalse();
        refusal.Message.Should().Contain("larger than Archive:MaxBytes (4096 bytes)").And.NotContain("secret");
        stream.Failure.Should().BeSameAs(refusal);
        stream.BytesRead.Should().Be(4097, "no more than one byte past the cap is read");
    }

    [Fact]
    public async Task ReadAsync_ExactlyMaxBytes_IsAccepted()
    {
        await using var stream = Over(new MemoryStream(new byte[4096]), new ArchiveOptions { MaxBytes = 4096 });

        await stream.CopyToAsync(Stream.Null);

        stream.BytesRead.Should().Be(4096);
    }

    [Fact]
    public async Task ReadAsync_ConnectionDropped_IsARetryableCutOff()
    {
        await using var stream = Over(new FailingStream(bytesBeforeFailure: 100));

        var act = () => stream.CopyToAsync(Stream.Null);

        var failure = (await act.Should().ThrowAsync<ArchiveException>()).Which;
        failure.IsRetryable.Should().BeTrue();
        failure.Message.Should().Contain("cut off after 100 bytes");
        stream.Failure.Should().BeSameAs(failure);
    }

    private sealed class FailingStream(int bytesBeforeFailure) : ReadOnlyStream
    {
        private int _sent;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_sent >= bytesBeforeFailure)
            {
                throw new IOException("The response ended prematurely.");
            }
            var n = Math.Min(count, bytesBeforeFailure - _sent);
            _sent += n;
            return n;
        }
    }
}
