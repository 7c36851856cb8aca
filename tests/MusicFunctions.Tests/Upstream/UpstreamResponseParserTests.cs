using MusicFunctions.Upstream;

namespace MusicFunctions.Tests.Upstream;

public class UpstreamResponseParserTests
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Upstream", "Samples", name));

    [Fact]
    public void ParseTask_SubmitAccepted_IsPendingWithTaskId()
    {
        var task = UpstreamResponseParser.ParseTask(Sample("submit-accepted.json"));

        task.TaskId.Should().Be("4f6c1f0e8a9b4c7d9e2a3b5c6d7e8f90");
        task.Status.Should().Be(UpstreamStatus.Pending);
        task.Progress.Should().Be(0);
        task.SubmittedAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1796380000));
        task.StartedAt.Should().BeNull("0 means not reached");
        task.Tracks.Should().BeEmpty();
    }

    [Fact]
    public void ParseTask_Processing_ReadsProgressPercentage()
    {
        var task = UpstreamResponseParser.ParseTask(Sample("task-processing.json"));

        task.Status.Should().Be(UpstreamStatus.Processing);
        task.Progress.Should().Be(72);
    }

    [Fact]
    public void ParseTask_Failed_CarriesTheReason()
    {
        var task = UpstreamResponseParser.ParseTask(Sample("task-failed.json"));

        task.Status.Should().Be(UpstreamStatus.Failed);
        task.FailReason.Should().Be("The prompt was rejected by the content filter");
    }

    [Fact]
    public void ParseTask_SuccessCamelCase_ReadsBothTracksFully()
    {
        var task = UpstreamResponseParser.ParseTask(Sample("task-success.json"));

        task.Status.Should().Be(UpstreamStatus.Success);
        task.FinishedAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1796380093));
        task.Tracks.Should().HaveCount(2);
        var first = task.Tracks[0];
        first.Id.Should().Be("0b8f5a52-3c1e-4d7a-9f06-2e4b7c9d1a11");
        first.Title.Should().Be("Petals on the Platform");
        first.Tags.Should().Be("j-pop, bright, female vocals");
        first.Prompt.Should().Be("A bright and upbeat J-Pop song about spring");
        first.AudioUrl.Should().Be("https://cdn.example.invalid/0b8f5a52-3c1e-4d7a-9f06-2e4b7c9d1a11.mp3");
        first.StreamAudioUrl.Should().Be("https://cdn.example.invalid/stream/0b8f5a52-3c1e-4d7a-9f06-2e4b7c9d1a11");
        first.ImageUrl.Should().Be("https://cdn.example.invalid/image_0b8f5a52-3c1e-4d7a-9f06-2e4b7c9d1a11.jpeg");
        first.SourceAudioUrl.Should().Be("https://origin.example.invalid/0b8f5a52-3c1e-4d7a-9f06-2e4b7c9d1a11.mp3");
        first.SourceImageUrl.Should().Be("https://origin.example.invalid/image_0b8f5a52-3c1e-4d7a-9f06-2e4b7c9d1a11.jpeg");
        first.Duration.Should().Be(187.32);
        first.ModelName.Should().Be("suno-v4.5-plus");
        first.CreatedAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1796380090512));
        task.Tracks[1].Id.Should().Be("7d2e9c40-61b5-4f83-a0c7-5e1d3b8f2c22");
    }

    [Fact]
    public void ParseTask_SuccessSnakeCase_ReadsTheSameFields()
    {
        var task = UpstreamResponseParser.ParseTask(Sample("task-success-snake-case.json"));

        task.Status.Should().Be(UpstreamStatus.Success);
        task.Tracks.Should().HaveCount(2);
        var first = task.Tracks[0];
        first.Id.Should().Be("c3a7e1d2-9b84-4f60-8e15-a2b3c4d5e6f7");
        first.AudioUrl.Should().Be("https://cdn.example.invalid/c3a7e1d2-9b84-4f60-8e15-a2b3c4d5e6f7.mp3");
        first.StreamAudioUrl.Should().Be("https://cdn.example.invalid/stream/c3a7e1d2-9b84-4f60-8e15-a2b3c4d5e6f7");
        first.ImageUrl.Should().Be("https://cdn.example.invalid/image_c3a7e1d2-9b84-4f60-8e15-a2b3c4d5e6f7.png");
        first.ModelName.Should().Be("suno-v5");
        first.Duration.Should().Be(156.8);
        first.CreatedAt.Should().Be(new DateTimeOffset(2026, 12, 4, 10, 31, 42, 118, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("error-bad-request.json", UpstreamErrorKind.InvalidRequest, "style and title are required in custom mode")]
    [InlineData("error-task-not-found.json", UpstreamErrorKind.TaskNotFound, "task_not_exist")]
    [InlineData("error-unauthorized.json", UpstreamErrorKind.Authentication, "MusicApi:ApiKey")]
    public void ParseTask_ErrorEnvelope_ThrowsClassifiedError(string sample, UpstreamErrorKind kind, string messagePart)
    {
        var act = () => UpstreamResponseParser.ParseTask(Sample(sample));

        act.Should().Throw<UpstreamException>().Which.Should().Match<UpstreamException>(e => e.Kind == kind && e.Message.Contains(messagePart));
    }

    [Theory]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>", "502 Bad Gateway")]
    [InlineData("{\"code\":\"success\",\"data\":{\"task_id\":\"abc\",\"sta", "not JSON")]
    [InlineData("{\"code\":\"success\",\"message\":\"\"}", "no 'data'")]
    [InlineData("{\"code\":\"success\",\"data\":{\"task_id\":\"abc\"}}", "no 'status'")]
    public void ParseTask_UnreadableAnswer_ThrowsMalformedWithExcerpt(string body, string messagePart)
    {
        var act = () => UpstreamResponseParser.ParseTask(body);

        act.Should().Throw<UpstreamException>()
            .Which.Should().Match<UpstreamException>(e => e.Kind == UpstreamErrorKind.Malformed && e.Message.Contains(messagePart));
    }

    [Theory]
    [InlineData("72%", 72)]
    [InlineData("100%", 100)]
    [InlineData(" 5 % ", 5)]
    [InlineData("12.9", 12)]
    [InlineData("", null)]
    [InlineData("soon", null)]
    public void ParseProgress_VariousForms_ReturnsPercent(string text, int? expected) =>
        UpstreamResponseParser.ParseProgress(text).Should().Be(expected);

    [Fact]
    public void ParseStatus_UnknownWord_IsUnknown() =>
        UpstreamResponseParser.ParseStatus("MIXING").Should().Be(UpstreamStatus.Unknown);

    [Fact]
    public void Samples_EverySharedSample_HasACopyThatIsTested()
    {
        // The shared folder beside the repository is the source of truth; our copies must keep up with it.
        var shared = FindSharedSamples();
        if (shared is null)
        {
            return; // Not checked out beside the repository (e.g. a packaged test run).
        }

        var ours = Path.Combine(AppContext.BaseDirectory, "Upstream", "Samples");
        foreach (var file in Directory.GetFiles(shared, "*.json"))
        {
            var copy = Path.Combine(ours, Path.GetFileName(file));
            File.Exists(copy).Should().BeTrue($"{Path.GetFileName(file)} should be copied into tests/MusicFunctions.Tests/Upstream/Samples");
            File.ReadAllText(copy).Should().Be(File.ReadAllText(file));
        }
    }

    private static string? FindSharedSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "upstream-api");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
