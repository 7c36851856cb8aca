using MusicFunctions.Orchestration;
using MusicFunctions.Orchestration.Activities;
using MusicFunctions.Requests;
using Moq;
using MusicFunctions.Upstream;

namespace MusicFunctions.Tests.Orchestration;

public class MusicGenerationOrchestratorTests
{
    private static readonly PollingOptions Polling = new()
    {
        InitialDelay = TimeSpan.FromSeconds(30),
        Interval = TimeSpan.FromSeconds(5),
        BackoffFactor = 2,
        MaxInterval = TimeSpan.FromSeconds(20),
        Timeout = TimeSpan.FromMinutes(2),
    };

    private static readonly GenerationInput Input = new()
    {
        Request = new MusicRequest { Prompt = "spring song", Model = "suno-v5" },
        Polling = Polling,
    };

    [Fact]
    public async Task RunAsync_TaskSucceeds_ArchivesEveryTrackThenWritesManifest()
    {
        // Arrange
        var fake = new OrchestrationContextFake()
            .ThenPoll(UpstreamStatus.Pending)
            .ThenPoll(UpstreamStatus.Processing, 40)
            .ThenPoll(UpstreamStatus.Success, 100, tracks: 2);

        // Act
        var result = await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        // Assert
        fake.SubmittedRequest.Should().Be(Input.Request);
        fake.Calls.Should().Equal(
            SubmitGenerationActivity.Name, GetTaskStatusActivity.Name, GetTaskStatusActivity.Name, GetTaskStatusActivity.Name,
            ArchiveTrackActivity.Name, ArchiveTrackActivity.Name, WriteManifestActivity.Name);
        fake.ArchiveInputs.Select(a => (a.Number, a.Track.Id, a.TaskId, a.GenerationId))
            .Should().Equal((1, "track-1", "task-1", "gen-1"), (2, "track-2", "task-1", "gen-1"));
        fake.ManifestInput!.Tracks.Should().HaveCount(2);
        fake.ManifestInput.Request.Should().Be(Input.Request);
        result.TaskId.Should().Be("task-1");
        result.GenerationId.Should().Be("gen-1");
        result.Tracks.Select(t => t.Audio.BlobName).Should().Equal("gen-1/track-1.mp3", "gen-1/track-2.mp3");
        result.Manifest.BlobName.Should().Be("gen-1/manifest.json");
    }

    [Fact]
    public async Task RunAsync_Polling_WaitsInitialDelayThenBacksOff()
    {
        var fake = new OrchestrationContextFake()
            .ThenPoll(UpstreamStatus.Processing, 10).ThenPoll(UpstreamStatus.Processing, 20).ThenPoll(UpstreamStatus.Processing, 30)
            .ThenPoll(UpstreamStatus.Processing, 40).ThenPoll(UpstreamStatus.Success, tracks: 2);

        await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        var start = OrchestrationContextFake.Start;
        fake.Timers.Should().Equal(start.AddSeconds(30), start.AddSeconds(35), start.AddSeconds(45), start.AddSeconds(65), start.AddSeconds(85));
    }

    [Fact]
    public async Task RunAsync_StatusChanges_UpdatesCustomStatusOnlyWhenItChanges()
    {
        var fake = new OrchestrationContextFake()
            .ThenPoll(UpstreamStatus.Pending, 0).ThenPoll(UpstreamStatus.Processing, 50).ThenPoll(UpstreamStatus.Processing, 50)
            .ThenPoll(UpstreamStatus.Processing, 80).ThenPoll(UpstreamStatus.Success, 100, tracks: 2);

        await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        fake.CustomStatuses.Should().Equal(
            new GenerationProgress("task-1", "PENDING", 0),
            new GenerationProgress("task-1", "PROCESSING", 50),
            new GenerationProgress("task-1", "PROCESSING", 80),
            new GenerationProgress("task-1", "SUCCESS", 100),
            new GenerationProgress("task-1", "ARCHIVED", 100));
    }

    [Fact]
    public async Task RunAsync_TaskFails_FailsWithTheUpstreamReasonAndArchivesNothing()
    {
        var fake = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Processing, 30)
            .ThenPoll(UpstreamStatus.Failed, failReason: "The prompt was rejected by the content filter");

        var act = () => MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        (await act.Should().ThrowAsync<GenerationFailedException>())
            .WithMessage("*task-1*The prompt was rejected by the content filter*");
        fake.Calls.Should().NotContain(ArchiveTrackActivity.Name);
    }

    [Fact]
    public async Task RunAsync_NeverFinishes_TimesOutAtTheDeadlineSayingHowLong()
    {
        var fake = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Processing, 72);

        var act = () => MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        (await act.Should().ThrowAsync<GenerationFailedException>())
            .WithMessage("*timed out after 2m 0s*Polling:Timeout*task-1*PROCESSING at 72%*");
        fake.Timers.Should().OnlyContain(t => t <= OrchestrationContextFake.Start + Polling.Timeout);
        fake.Timers[^1].Should().Be(OrchestrationContextFake.Start + Polling.Timeout, "the last poll happens at the deadline itself");
        fake.Calls.Should().NotContain(ArchiveTrackActivity.Name);
    }

    [Fact]
    public async Task RunAsync_UnknownStatusWord_KeepsPollingUntilItResolves()
    {
        var fake = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Unknown).ThenPoll(UpstreamStatus.Success, tracks: 2);

        var result = await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        result.Tracks.Should().HaveCount(2);
    }

    [Fact]
    public async Task RunAsync_SubmitFails_MessageNamesTheStepAndTheCause()
    {
        var fake = new OrchestrationContextFake();
        fake.FailActivity<string>(SubmitGenerationActivity.Name, "The upstream rejected the request: invalid_request");

        var act = () => MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        (await act.Should().ThrowAsync<GenerationFailedException>())
            .WithMessage("Submitting the generation failed: The upstream rejected the request: invalid_request");
    }

    [Fact]
    public async Task RunAsync_SuccessWithoutTracks_FailsClearly()
    {
        var fake = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Success, 100);

        var act = () => MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        (await act.Should().ThrowAsync<GenerationFailedException>()).WithMessage("*SUCCESS but sent no tracks*");
    }

    [Fact]
    public async Task RunAsync_OneTrackCannotBeArchived_KeepsTheOtherWritesManifestAndFailsNamingTheTrack()
    {
        // Arrange
        var fake = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Success, 100, tracks: 2);
        fake.Mock.Setup(c => c.CallActivityAsync<MusicFunctions.Archive.ArchivedTrack>(
                It.Is<Microsoft.DurableTask.TaskName>(n => n.Name == ArchiveTrackActivity.Name),
                It.Is<object?>(input => ((ArchiveTrackInput)input!).Number == 2),
                It.IsAny<Microsoft.DurableTask.TaskOptions?>()))
            .ThrowsAsync(new Microsoft.DurableTask.TaskFailedException(ArchiveTrackActivity.Name, 3,
                new Microsoft.DurableTask.TaskFailureDetails("PermanentFailureException", "the audio URL resolves to a private address", null, null, null)));

        // Act
        var act = () => MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        // Assert
        (await act.Should().ThrowAsync<GenerationFailedException>())
            .WithMessage("Archived 1 of 2 tracks*gen-1/manifest.json*track 2 failed: the audio URL resolves to a private address");
        fake.ManifestInput!.Tracks.Select(t => t.Number).Should().Equal(1);
        fake.ManifestInput.Failures.Should().ContainSingle().Which.Should().Be(
            new TrackFailure(2, "track-2", "the audio URL resolves to a private address"));
    }
}
