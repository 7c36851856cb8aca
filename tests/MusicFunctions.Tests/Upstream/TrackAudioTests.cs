using MusicFunctions.Upstream;

namespace MusicFunctions.Tests.Upstream;

public class TrackAudioTests
{
    private const string Stream = "https://cdn.example.invalid/stream/0b8f5a52";

    [Theory]
    [InlineData("https://cdn.example.invalid/0b8f5a52.mp3", null)]
    [InlineData("https://cdn.example.invalid/streams-of-light.mp3", null)]
    [InlineData(null, "no audio URL")]
    [InlineData("", "no audio URL")]
    [InlineData("   ", "no audio URL")]
    [InlineData("0b8f5a52.mp3", "not an absolute URL")]
    [InlineData(Stream, "only the stream link")]
    [InlineData("https://cdn.example.invalid/Stream/other-id", "points at the stream")]
    public void WhyNotFinal_AudioUrl_SaysWhetherItIsTheFinishedFile(string? audioUrl, string? expected)
    {
        var track = new UpstreamTrack { Id = "t", AudioUrl = audioUrl, StreamAudioUrl = Stream };

        var why = TrackAudio.WhyNotFinal(track);

        if (expected is null)
        {
            why.Should().BeNull();
            TrackAudio.HasFinalFile(track).Should().BeTrue();
        }
        else
        {
            why.Should().Contain(expected);
            TrackAudio.HasFinalFile(track).Should().BeFalse();
        }
    }

    [Fact]
    public void HasFinalFile_SampleSuccessTracks_AreFinal()
    {
        var task = UpstreamResponseParser.ParseTask(Samples.Read("task-success.json"));

        task.Tracks.Should().OnlyContain(track => TrackAudio.HasFinalFile(track));
    }
}
