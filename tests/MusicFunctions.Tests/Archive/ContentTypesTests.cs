using System.Text;
using MusicFunctions.Archive;

namespace MusicFunctions.Tests.Archive;

public class ContentTypesTests
{
    private static readonly byte[] Id3Mp3 = [.. "ID3"u8, 0x04, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0x64];
    private static readonly byte[] BareMp3Frame = [0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0, 1];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];
    private static readonly byte[] Webp = [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBP"u8, .. "VP8 "u8];
    private static readonly byte[] Html = Encoding.ASCII.GetBytes("<!DOCTYPE html><html><body>403 Forbidden</body></html>");

    public static TheoryData<byte[], string?> Samples => new()
    {
        { Id3Mp3, "audio/mpeg" },
        { BareMp3Frame, "audio/mpeg" },
        { Jpeg, "image/jpeg" },
        { Png, "image/png" },
        { Webp, "image/webp" },
        { Html, null },
        { [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8], null },
        { [0xFF], null },
        { [], null },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Detect_FirstBytes_RecognisesKnownFormats(byte[] head, string? expected) =>
        ContentSniffer.Detect(head).Should().Be(expected);

    [Fact]
    public void Choose_HtmlServedAsAudio_IsRefusedPermanentlySayingWhatItIs()
    {
        var act = () => ContentTypes.Choose(FileKind.Audio, "audio/mpeg", Html, "https://cdn.example/a.mp3");

        var refusal = act.Should().Throw<ArchiveException>().Which;
        refusal.IsRetryable.Should().BeFalse();
        refusal.Message.Should().Contain("served as 'audio/mpeg'").And.Contain("'<!DOCTYPE html><'").And.Contain("expected MP3 audio");
    }

    [Fact]
    public void Choose_PngServedAsJpeg_TrustsTheBytes() =>
        ContentTypes.Choose(FileKind.Cover, "image/jpeg", Png, "src").Should().Be("image/png");

    [Fact]
    public void Choose_Mp3ServedAsOctetStream_TrustsTheBytes() =>
        ContentTypes.Choose(FileKind.Audio, "application/octet-stream", Id3Mp3, "src").Should().Be("audio/mpeg");

    [Fact]
    public void Choose_Mp3WithoutContentType_TrustsTheBytes() =>
        ContentTypes.Choose(FileKind.Audio, null, BareMp3Frame, "src").Should().Be("audio/mpeg");

    [Fact]
    public void Choose_ImageBytesForAudio_IsRefusedAsTheWrongKind() =>
        FluentActions.Invoking(() => ContentTypes.Choose(FileKind.Audio, "audio/mpeg", Jpeg, "src"))
            .Should().Throw<ArchiveException>().WithMessage("*its bytes are image/jpeg*expected MP3 audio*");

    [Fact]
    public void Choose_AudioBytesForCover_IsRefusedAsTheWrongKind() =>
        FluentActions.Invoking(() => ContentTypes.Choose(FileKind.Cover, "image/jpeg", Id3Mp3, "src"))
            .Should().Throw<ArchiveException>().WithMessage("*audio/mpeg*expected a JPEG, PNG or WebP image*");

    [Theory]
    [InlineData("audio/mpeg", "mp3")]
    [InlineData("image/jpeg", "jpeg")]
    [InlineData("image/png", "png")]
    [InlineData("image/webp", "webp")]
    public void Extension_KnownType_FollowsTheType(string type, string extension) =>
        ContentTypes.Extension(type).Should().Be(extension);

    [Theory]
    [InlineData("Audio/MP3 ", "audio/mpeg")]
    [InlineData("image/jpg", "image/jpeg")]
    [InlineData("", null)]
    public void Canonical_DeclaredType_IsNormalised(string declared, string? expected) =>
        ContentTypes.Canonical(declared).Should().Be(expected);
}
