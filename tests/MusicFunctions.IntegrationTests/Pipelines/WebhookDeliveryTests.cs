using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicFunctions.Configuration;
using MusicFunctions.Events;
using MusicFunctions.IntegrationTests.Infrastructure;
using MusicFunctions.Orchestration;
using MusicFunctions.Requests;
using MusicFunctions.StandIn;

namespace MusicFunctions.IntegrationTests.Pipelines;

[Collection(PipelineCollection.Name)]
public class WebhookDeliveryTests(PipelineFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private readonly PipelineApi _api = new(fixture);
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    /// <summary>Starts a generation over HTTP with a callback to <paramref name="hook"/>; returns its id once it ended.</summary>
    private async Task<OrchestrationMetadata> RunWithCallbackAsync(Uri hook, string what)
    {
        var prompt = GenerationRunner.UniquePrompt(what);
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { PollsBeforeDone = 1 } : null);
        var requestId = "hook-" + Guid.NewGuid().ToString("N");
        var started = await _api.PostAsync($$"""{"prompt":"{{prompt}}","request_id":"{{requestId}}","callback_url":"{{hook}}"}""");
        started.Status.Should().Be(202, started.Body);
        return await fixture.WaitAsync(requestId);
    }

    [Fact]
    public async Task Callback_GenerationCompletes_DeliversOneEventSignedAsDocumented()
    {
        // Arrange
        var hook = _receiver.NewHook();

        // Act
        var run = await RunWithCallbackAsync(hook, "webhook signed");

        // Assert
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        var delivery = _receiver.ReceivedAt(hook).Should().ContainSingle().Subject;
        ReceiverSignatureCheck.IsValid(PipelineFixture.WebhookSecret, delivery.SignatureHeader, delivery.Body, Tolerance, out var signedAt)
            .Should().BeTrue($"the signature '{delivery.SignatureHeader}' must verify with the documented scheme");
        signedAt.Should().BeCloseTo(delivery.ReceivedAt, TimeSpan.FromSeconds(5));
        ReceiverSignatureCheck.IsValid("some-other-secret-0123456789abcdef", delivery.SignatureHeader, delivery.Body, Tolerance, out _)
            .Should().BeFalse();
        delivery.ContentType.Should().StartWith("application/json");

        var body = JsonDocument.Parse(delivery.Body).RootElement;
        delivery.EventIdHeader.Should().Be($"{run.InstanceId}:completed");
        body.GetProperty("event_id").GetString().Should().Be(delivery.EventIdHeader);
        body.GetProperty("generation_id").GetString().Should().Be(run.InstanceId);
        body.GetProperty("request_id").GetString().Should().Be(run.InstanceId);
        body.GetProperty("outcome").GetString().Should().Be("completed");
        body.GetProperty("tracks").GetArrayLength().Should().Be(2);

        var queued = await QueueMessages.WaitForAsync(fixture.Storage.ConnectionString, fixture.ResultsQueueName,
            e => e.GetProperty("event_id").GetString() == delivery.EventIdHeader);
        queued.GetRawText().Should().Be(body.GetRawText(), "the queue and the webhook carry the same event");
        fixture.Logs.Lines.Should().NotContain(line => line.Contains(PipelineFixture.WebhookSecret), "the secret is never logged");
    }

    [Fact]
    public async Task Callback_ReceiverFailsTwice_RetriedUntilDeliveredOnceWithTheSameEventId()
    {
        // Arrange
        var hook = _receiver.NewHook();
        _receiver.FailNext(hook, 500, 503);

        // Act
        var run = await RunWithCallbackAsync(hook, "webhook retried");

        // Assert: the run ends after its publication, so every attempt has happened by now.
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        var deliveries = _receiver.ReceivedAt(hook);
        deliveries.Select(d => d.AnsweredStatus).Should().Equal(500, 503, 200);
        deliveries.Select(d => d.EventIdHeader).Should().AllBe($"{run.InstanceId}:completed");
        deliveries.Select(d => Convert.ToHexString(d.Body)).Distinct().Should().ContainSingle("every attempt sends the same event");
        deliveries.Select(d => ReceiverSignatureCheck.IsValid(PipelineFixture.WebhookSecret, d.SignatureHeader, d.Body, Tolerance, out _))
            .Should().AllBeEquivalentTo(true);
        var publication = await fixture.Client.GetInstanceAsync($"{run.InstanceId}:completed");
        publication!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
    }

    [Fact]
    public async Task Callback_ReceiverKeepsFailing_GivesUpAfterTheConfiguredAttemptsAndTheGenerationStillCompletes()
    {
        var hook = _receiver.NewHook();
        _receiver.FailNext(hook, Enumerable.Repeat(500, 10).ToArray());

        var run = await RunWithCallbackAsync(hook, "webhook gives up");

        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, "a lost webhook does not undo the songs");
        _receiver.ReceivedAt(hook).Should().HaveCount(4, "Events:CallbackAttempts is 4 in these tests");
        var publication = await fixture.Client.GetInstanceAsync($"{run.InstanceId}:completed", getInputsAndOutputs: true);
        publication!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        publication.FailureDetails!.ErrorMessage.Should().Contain("callback").And.Contain("500");
        (await QueueMessages.WaitForAsync(fixture.Storage.ConnectionString, fixture.ResultsQueueName,
            e => e.GetProperty("event_id").GetString() == $"{run.InstanceId}:completed")).ValueKind.Should().Be(JsonValueKind.Object,
            "the queue still gets the event");
    }

    [Fact]
    public async Task Callback_ReceiverAnswersGone_IsNotRetried()
    {
        var hook = _receiver.NewHook();
        _receiver.FailNext(hook, 410);

        var run = await RunWithCallbackAsync(hook, "webhook gone");

        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        _receiver.ReceivedAt(hook).Should().ContainSingle();
    }

    [Theory]
    [InlineData("127.0.0.1")] // a literal address: refused before connecting
    [InlineData("localhost")] // a name: refused by the connect-time check on what it resolves to
    public async Task Deliver_PrivateCallbackWhilePrivateNetworksAreRefused_NeverConnects(string host)
    {
        // Arrange: the app as production configures it (private networks refused), plain http still allowed
        // so that the refusal can only come from the address check.
        await using var services = BuildServices(allowPrivateNetworks: false);
        var hook = new UriBuilder(_receiver.NewHook()) { Host = host }.Uri;
        var activity = services.GetRequiredService<DeliverWebhookActivity>();

        // Act
        var act = () => activity.RunAsync(new WebhookDelivery(hook.ToString(), SampleEvent()), CancellationToken.None);

        // Assert
        (await act.Should().ThrowAsync<PermanentFailureException>()).WithMessage("Refused to deliver to the callback URL*loopback*");
        _receiver.ReceivedAt(hook).Should().BeEmpty();
    }

    [Fact]
    public async Task Deliver_SameCallbackWhilePrivateNetworksAreAllowed_IsDelivered()
    {
        // The control for the refusal above: only the setting differs.
        await using var services = BuildServices(allowPrivateNetworks: true);
        var hook = new UriBuilder(_receiver.NewHook()) { Host = "localhost" }.Uri;

        var status = await services.GetRequiredService<DeliverWebhookActivity>()
            .RunAsync(new WebhookDelivery(hook.ToString(), SampleEvent()), CancellationToken.None);

        status.Should().Be(200);
        _receiver.ReceivedAt(hook).Should().ContainSingle();
    }

    [Fact]
    public async Task Start_PrivateCallbackWhilePrivateNetworksAreRefused_Answers400AtRequestTime()
    {
        await using var services = BuildServices(allowPrivateNetworks: false);
        var validator = services.GetRequiredService<MusicRequestValidator>();

        var errors = validator.Validate(new MusicRequest { Prompt = "a song", CallbackUrl = _receiver.NewHook().ToString() });

        errors.Keys.Should().Equal("callback_url");
        errors["callback_url"].Single().Should().Contain("loopback").And.Contain("Archive:AllowPrivateNetworkSources");
    }

    private ServiceProvider BuildServices(bool allowPrivateNetworks)
    {
        var settings = fixture.Settings();
        settings["Archive:AllowPrivateNetworkSources"] = allowPrivateNetworks ? "true" : "false";
        return new ServiceCollection()
            .AddLogging()
            .AddMusicFunctions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
    }

    private static ResultEvent SampleEvent() => new()
    {
        EventId = "gen-x:completed",
        GenerationId = "gen-x",
        Outcome = GenerationOutcome.Completed,
        OccurredAt = DateTimeOffset.UtcNow,
    };
}
