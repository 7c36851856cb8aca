using MusicFunctions.Archive;

namespace MusicFunctions.Tests.Archive;

public class BlobNamingTests
{
    [Fact]
    public void Audio_UuidTrackId_IsKeptReadable() =>
        BlobNaming.Audio("gen1", 1, "0b8f5a52-3c1e-4d7a-9f06-2e4b7c9d1a11", "mp3")
            .Should().Be("gen1/track-1-0b8f5a52-3c1e-4d7a-9f06-2e4b7c9d1a11.mp3");

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..")]
    [InlineData("a/b\\c")]
    [InlineData("%2e%2e%2f")]
    [InlineData("track id with spaces and ünïcödé")]
    [InlineData("")]
    public void Audio_HostileTrackId_StaysInsideTheGenerationFolder(string trackId)
    {
        var name = BlobNaming.Audio("gen1", 2, trackId, "mp3");

        name.Should().StartWith("gen1/track-2-");
        name.Split('/').Should().HaveCount(2);
        name.Should().NotContain("..").And.NotContain("\\").And.MatchRegex("^[A-Za-z0-9_/.-]+$");
    }

    [Fact]
    public void SafeSegment_DifferentIdsThatSlugAlike_DoNotCollide() =>
        BlobNaming.SafeSegment("a/b").Should().NotBe(BlobNaming.SafeSegment("a b"));

    [Fact]
    public void SafeSegment_SameId_IsDeterministic() =>
        BlobNaming.SafeSegment("../x").Should().Be(BlobNaming.SafeSegment("../x"));

    [Fact]
    public void Stem_AudioAndCover_DifferOnlyBySuffixAndBothLackAnExtension()
    {
        BlobNaming.Stem("gen1", 1, "t", FileKind.Audio).Should().Be("gen1/track-1-t");
        BlobNaming.Stem("gen1", 1, "t", FileKind.Cover).Should().Be("gen1/track-1-t-cover");
    }

    [Fact]
    public void Audio_SlugOfOneIdEqualToAnotherRawId_StillDiffersByTrackNumber()
    {
        // A hostile upstream can hand out an id that equals another id's slug; positions keep them apart.
        var slugged = BlobNaming.SafeSegment("a/b");

        BlobNaming.Audio("gen1", 1, "a/b", "mp3").Should().NotBe(BlobNaming.Audio("gen1", 2, slugged, "mp3"));
    }

    [Fact]
    public void Cover_And_Manifest_ShareTheFolder()
    {
        BlobNaming.Cover("gen1", 1, "t", "png").Should().Be("gen1/track-1-t-cover.png");
        BlobNaming.Manifest("gen1").Should().Be("gen1/manifest.json");
    }
}
