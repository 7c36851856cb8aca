using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;
using MusicFunctions.Events;
using MusicFunctions.Orchestration;

namespace MusicFunctions.Tests.Events;

public class ResultPublishingOrchestratorTests
{
    private static readonly ResultEvent Event = new()
    {
        EventId = "gen-1:completed",
        GenerationId = "gen-1",
        Outcome = GenerationOutcome.Completed,
        OccurredAt = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero),
    };

    private static readonly EventDeliveryPlan Plan = new()
    {
        ResultsQueue = "music-results",
        CallbackAttempts = 5,
        CallbackFirstRetryDelay = TimeSpan.FromSeconds(2),
        CallbackBackoffFactor = 3,
        CallbackMaxRetryDelay = TimeSpan.FromSeconds(40),
    };

    private sealed class Context
    {
        public Mock<TaskOrchestrationContext> Mock { get; } = new() { CallBase = true };
        public List<QueuedResultEvent> Queued { get; } = [];
        public List<(WebhookDelivery Delivery, TaskOptions? Options)> Webhooks { get; } = [];

        public Context(Exception? webhookFailure = null)
        {
            Mock.Protected().Setup<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
            Mock.Setup(c => c.InstanceId).Returns("gen-1:completed");
            Mock.Setup(c => c.CallActivityAsync<string>(It.Is<TaskName>(n => n.Name == PublishResultEventActivity.Name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns((TaskName _, object? input, TaskOptions? _) =>
                {
                    Queued.Add((QueuedResultEvent)input!);
                    return Task.FromResult("message-1");
                });
            Mock.Setup(c => c.CallActivityAsync<int>(It.Is<TaskName>(n => n.Name == DeliverWebhookActivity.Name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns((TaskName _, object? input, TaskOptions? options) =>
                {
                    Webhooks.Add(((WebhookDelivery)input!, options));
                    return webhookFailure is null ? Task.FromResult(200) : Task.FromException<int>(webhookFailure);
                });
        }
    }

    // The retry machinery hands the policy the Durable Task Core exception, not the SDK's TaskFailedException.
    private static Exception Failure(Type exception, string message) =>
        new DurableTask.Core.Exceptions.TaskFailedException(0, 1, DeliverWebhookActivity.Name, "", message, null!)
        {
            FailureDetails = new DurableTask.Core.FailureDetails(exception.FullName!, message, null, null, isNonRetriable: false),
        };

    private static ResultPublication Publication(string? callbackUrl = "https://hooks.example.com/x", string? queue = "music-results") =>
        new() { Event = Event, CallbackUrl = callbackUrl, Delivery = Plan with { ResultsQueue = queue } };

    [Fact]
    public async Task RunAsync_QueueAndCallback_SendsTheSameEventToBoth()
    {
        // Arrange
        var context = new Context();

        // Act
        var report = await ResultPublishingOrchestrator.RunAsync(context.Mock.Object, Publication());

        // Assert
        context.Queued.Should().ContainSingle().Which.Should().Be(new QueuedResultEvent("music-results", Event));
        context.Webhooks.Should().ContainSingle().Which.Delivery.Should().Be(new WebhookDelivery("https://hooks.example.com/x", Event));
        report.Should().Be(new PublicationReport("gen-1:completed", Queued: true, CallbackDelivered: true));
    }

    [Fact]
    public async Task RunAsync_Callback_RetriesWithThePlanFromTheInput()
    {
        var context = new Context();

        await ResultPublishingOrchestrator.RunAsync(context.Mock.Object, Publication());

        var policy = context.Webhooks.Single().Options!.Retry!.Policy!;
        policy.MaxNumberOfAttempts.Should().Be(5);
        policy.FirstRetryInterval.Should().Be(TimeSpan.FromSeconds(2));
        policy.BackoffCoefficient.Should().Be(3);
        policy.MaxRetryInterval.Should().Be(TimeSpan.FromSeconds(40));
    }

    [Fact]
    public void WebhookRetry_PermanentFailure_IsNotRetriedButOthersAre()
    {
        var policy = ResultPublishingOrchestrator.WebhookRetry(Plan).Retry!.Policy!;

        policy.Handle(Failure(typeof(PermanentFailureException), "refused")).Should().BeFalse();
        policy.Handle(Failure(typeof(WebhookDeliveryException), "500")).Should().BeTrue();
    }

    [Fact]
    public async Task RunAsync_NoCallback_OnlyQueues()
    {
        var context = new Context();

        var report = await ResultPublishingOrchestrator.RunAsync(context.Mock.Object, Publication(callbackUrl: null));

        context.Webhooks.Should().BeEmpty();
        context.Queued.Should().ContainSingle();
        report.CallbackDelivered.Should().BeFalse();
    }

    [Fact]
    public async Task RunAsync_NoQueue_OnlyCallsBack()
    {
        var context = new Context();

        await ResultPublishingOrchestrator.RunAsync(context.Mock.Object, Publication(queue: null));

        context.Queued.Should().BeEmpty();
        context.Webhooks.Should().ContainSingle();
    }

    [Fact]
    public async Task RunAsync_CallbackGivesUp_StillQueuesAndFailsNamingTheCallback()
    {
        var context = new Context(new TaskFailedException(DeliverWebhookActivity.Name, 2,
            new TaskFailureDetails(typeof(WebhookDeliveryException).FullName!, "The callback answered 503", null, null, null)));

        var act = () => ResultPublishingOrchestrator.RunAsync(context.Mock.Object, Publication());

        (await act.Should().ThrowAsync<ResultPublicationException>()).WithMessage("*gen-1:completed*callback: The callback answered 503*");
        context.Queued.Should().ContainSingle();
    }
}
