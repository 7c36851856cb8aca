using Microsoft.DurableTask;
using Moq;
using MusicFunctions.Events;
using MusicFunctions.Orchestration;
using MusicFunctions.Requests;
using MusicFunctions.Tests.Orchestration;
using MusicFunctions.Upstream;

namespace MusicFunctions.Tests.Events;

/// <summary>The orchestrator's top-level wrap: every outcome it sees end is published, under a deterministic id.</summary>
public class GenerationAnnouncementsTests
{
    private static readonly EventDeliveryPlan Plan = new()
    {
        ResultsQueue = "music-results",
        CallbackAttempts = 4,
        CallbackFirstRetryDelay = TimeSpan.FromSeconds(1),
        CallbackBackoffFactor = 2,
        CallbackMaxRetryDelay = TimeSpan.FromSeconds(30),
    };

    private static readonly GenerationInput Input = new()
    {
        Request = new MusicRequest { Prompt = "spring song", Model = "suno-v5" },
        Polling = new PollingOptions
        {
            InitialDelay = TimeSpan.FromSeconds(30),
            Interval = TimeSpan.FromSeconds(5),
            BackoffFactor = 2,
            MaxInterval = TimeSpan.FromSeconds(20),
            Timeout = TimeSpan.FromMinutes(2),
        },
        RequestId = "order-42",
        CallbackUrl = "https://hooks.example.com/music",
        Events = Plan,
    };

    private sealed record Published(string Orchestrator, string? InstanceId, ResultPublication Publication);

    private static List<Published> RecordPublications(OrchestrationContextFake fake, Exception? failWith = null)
    {
        var published = new List<Published>();
        fake.Mock.Setup(c => c.CallSubOrchestratorAsync<PublicationReport>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? options) =>
            {
                var publication = (ResultPublication)input!;
                published.Add(new Published(name.Name, (options as SubOrchestrationOptions)?.InstanceId, publication));
                return failWith is null
                    ? Task.FromResult(new PublicationReport(publication.Event.EventId, true, true))
                    : Task.FromException<PublicationReport>(failWith);
            });
        return published;
    }

    [Fact]
    public async Task RunAsync_GenerationCompletes_PublishesCompletedEventUnderItsEventId()
    {
        // Arrange
        var fake = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Success, 100, tracks: 2);
        var published = RecordPublications(fake);

        // Act
        var result = await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        // Assert
        var publication = published.Should().ContainSingle().Subject;
        publication.Orchestrator.Should().Be(ResultPublishingOrchestrator.Name);
        publication.InstanceId.Should().Be("gen-1:completed");
        publication.Publication.CallbackUrl.Should().Be(Input.CallbackUrl);
        publication.Publication.Delivery.Should().Be(Plan);
        var resultEvent = publication.Publication.Event;
        resultEvent.EventId.Should().Be("gen-1:completed");
        resultEvent.GenerationId.Should().Be("gen-1");
        resultEvent.RequestId.Should().Be("order-42");
        resultEvent.Outcome.Should().Be(GenerationOutcome.Completed);
        resultEvent.Reason.Should().BeNull();
        resultEvent.TaskId.Should().Be(result.TaskId);
        resultEvent.Tracks.Select(t => t.Audio.Url).Should().Equal(result.Tracks.Select(t => t.Audio.Url));
        resultEvent.ManifestUrl.Should().Be(result.Manifest.Url);
        resultEvent.OccurredAt.Should().Be(new DateTimeOffset(fake.Now), "orchestration time, not the wall clock");
    }

    [Fact]
    public async Task RunAsync_UpstreamFails_PublishesFailedEventThenFailsAsBefore()
    {
        var fake = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Failed, failReason: "Copyrighted lyrics detected");
        var published = RecordPublications(fake);

        var act = () => MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        (await act.Should().ThrowAsync<GenerationFailedException>()).WithMessage("*Copyrighted lyrics detected*");
        var resultEvent = published.Should().ContainSingle().Subject.Publication.Event;
        published[0].InstanceId.Should().Be("gen-1:failed");
        resultEvent.Outcome.Should().Be(GenerationOutcome.Failed);
        resultEvent.Reason.Should().Contain("Copyrighted lyrics detected");
        resultEvent.Tracks.Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_TimesOut_PublishesTimedOutEvent()
    {
        var fake = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Processing, 40);
        var published = RecordPublications(fake);

        var act = () => MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        (await act.Should().ThrowAsync<GenerationFailedException>()).WithMessage(GenerationAnnouncements.TimeoutMessagePrefix + "*");
        published.Should().ContainSingle().Which.InstanceId.Should().Be("gen-1:timed_out");
        published[0].Publication.Event.Outcome.Should().Be(GenerationOutcome.TimedOut);
    }

    [Fact]
    public async Task RunAsync_SameRunReplayed_PublishesTheSameEvent()
    {
        var first = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Success, 100, tracks: 2);
        var second = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Success, 100, tracks: 2);
        var firstPublished = RecordPublications(first);
        var secondPublished = RecordPublications(second);

        await MusicGenerationOrchestrator.RunAsync(first.Mock.Object, Input);
        await MusicGenerationOrchestrator.RunAsync(second.Mock.Object, Input);

        secondPublished.Single().Should().BeEquivalentTo(firstPublished.Single());
    }

    [Fact]
    public async Task RunAsync_NoDeliveryPlanInTheInput_PublishesNothing()
    {
        var fake = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Success, 100, tracks: 2);
        var published = RecordPublications(fake);

        await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input with { Events = null });

        published.Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_NeitherQueueNorCallback_PublishesNothing()
    {
        var fake = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Success, 100, tracks: 2);
        var published = RecordPublications(fake);

        await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input with { CallbackUrl = null, Events = Plan with { ResultsQueue = null } });

        published.Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_PublicationFails_GenerationStillCompletesWithItsResult()
    {
        var fake = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Success, 100, tracks: 2);
        RecordPublications(fake, new TaskFailedException(ResultPublishingOrchestrator.Name, 9,
            new TaskFailureDetails(typeof(ResultPublicationException).FullName!, "callback: answered 500", null, null, null)));

        var result = await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        result.Tracks.Should().HaveCount(2);
    }
}
