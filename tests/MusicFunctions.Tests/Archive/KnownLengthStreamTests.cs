using MusicFunctions.Archive;

namespace MusicFunctions.Tests.Archive;

public class KnownLengthStreamTests
{
    [Fact]
    public void Length_IsTheDeclaredLength()
    {
        using var stream = new KnownLengthStream(new MemoryStream(new byte[10]), 10);

        stream.Length.Should().Be(10);
        stream.CanSeek.Should().BeTrue("storage clients send a Content-Length only for streams that can tell their length");
    }

    [Fact]
    public void Seek_ToWhereItIs_IsAllowedButRewindingIsNot()
    {
        using var stream = new KnownLengthStream(new MemoryStream(new byte[10]), 10);
        stream.Position = 0;
        _ = stream.Read(new byte[4], 0, 4);

        stream.Seek(0, SeekOrigin.Current).Should().Be(4);
        FluentActions.Invoking(() => stream.Position = 0).Should().Throw<NotSupportedException>("a half-sent body must not be replayed");
    }
}
