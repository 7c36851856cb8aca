using System.Text.Json;
using Microsoft.DurableTask.Client;
using MusicFunctions.IntegrationTests.Infrastructure;
using MusicFunctions.Orchestration;
using MusicFunctions.StandIn;

namespace MusicFunctions.IntegrationTests.Pipelines;

[Collection(PipelineCollection.Name)]
public class QueueStartTests(PipelineFixture fixture)
{
    private readonly PipelineApi _api = new(fixture);

    private Task<JsonElement> ResultEventAsync(string eventId) =>
        QueueMessages.WaitForAsync(fixture.Storage.ConnectionString, fixture.ResultsQueueName, e => e.GetProperty("event_id").GetString() == eventId);

    private Task<JsonElement> InvalidEnvelopeAsync(string messageId) =>
        QueueMessages.WaitForAsync(fixture.Storage.ConnectionString, fixture.InvalidQueueName, e => e.GetProperty("message_id").GetString() == messageId);

    [Fact]
    public async Task Deliver_ValidMessage_GenerationCompletesAndItsResultEventLandsOnTheResultsQueue()
    {
        // Arrange
        var prompt = GenerationRunner.UniquePrompt("queue start");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { PollsBeforeDone = 1 } : null);
        var messageId = Guid.NewGuid().ToString();

        // Act
        await _api.DeliverAsync($$"""{"prompt":"{{prompt}}","model":"suno-v5"}""", messageId);

        // Assert
        var run = await fixture.WaitAsync("q-" + messageId);
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        var result = run.ReadOutputAs<GenerationResult>()!;
        var resultEvent = await ResultEventAsync($"q-{messageId}:completed");
        resultEvent.GetProperty("generation_id").GetString().Should().Be("q-" + messageId);
        resultEvent.GetProperty("outcome").GetString().Should().Be("completed");
        resultEvent.GetProperty("request_id").ValueKind.Should().Be(JsonValueKind.Null);
        resultEvent.GetProperty("reason").ValueKind.Should().Be(JsonValueKind.Null);
        resultEvent.GetProperty("task_id").GetString().Should().Be(result.TaskId);
        resultEvent.GetProperty("occurred_at").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        var tracks = resultEvent.GetProperty("tracks").EnumerateArray().ToArray();
        tracks.Select(t => t.GetProperty("audio").GetProperty("url").GetString()).Should().Equal(result.Tracks.Select(t => t.Audio.Url.ToString()));
        foreach (var track in tracks)
        {
            var blob = fixture.Container.GetBlobClient(track.GetProperty("audio").GetProperty("blob_name").GetString());
            (await blob.ExistsAsync()).Value.Should().BeTrue();
            blob.Uri.ToString().Should().Be(track.GetProperty("audio").GetProperty("url").GetString());
        }
        resultEvent.GetProperty("manifest_url").GetString().Should().Be(result.Manifest.Url.ToString());
        fixture.Upstream.Tasks.Count(t => t.Request.Prompt == prompt).Should().Be(1);
    }

    [Fact]
    public async Task Deliver_MessageWithRequestId_UsesItAsTheGenerationId()
    {
        var prompt = GenerationRunner.UniquePrompt("queue request id");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { PollsBeforeDone = 0 } : null);
        var requestId = "order-" + Guid.NewGuid().ToString("N");

        await _api.DeliverAsync($$"""{"prompt":"{{prompt}}","request_id":"{{requestId}}"}""", Guid.NewGuid().ToString());

        var run = await fixture.WaitAsync(requestId);
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        (await ResultEventAsync($"{requestId}:completed")).GetProperty("request_id").GetString().Should().Be(requestId);
    }

    [Fact]
    public async Task Deliver_InvalidRequest_GoesToTheInvalidQueueWithEveryErrorAndNothingIsSubmitted()
    {
        // Arrange
        var prompt = GenerationRunner.UniquePrompt("queue invalid");
        var messageId = Guid.NewGuid().ToString();
        var body = $$"""{"prompt":"{{prompt}}","custom_mode":true,"vocal_gender":"x","colour":"red","request_id":"no spaces"}""";

        // Act: completes normally, so the host deletes the message instead of retrying it.
        await _api.DeliverAsync(body, messageId);

        // Assert
        var envelope = await InvalidEnvelopeAsync(messageId);
        envelope.GetProperty("reason").GetString().Should().Be("validation_failed");
        envelope.GetProperty("errors").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo("style", "title", "vocal_gender", "colour", "request_id");
        envelope.GetProperty("original_body").GetString().Should().Be(body);
        envelope.GetProperty("original_body_truncated").GetBoolean().Should().BeFalse();
        envelope.GetProperty("dequeue_count").GetInt64().Should().Be(1);
        envelope.GetProperty("received_at").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        (await fixture.Client.GetInstanceAsync("q-" + messageId)).Should().BeNull();
        fixture.Upstream.Tasks.Should().NotContain(t => t.Request.Prompt == prompt);
    }

    [Theory]
    [InlineData("""{"prompt": "unterminated""", "malformed_json")]
    [InlineData("not json", "malformed_json")]
    [InlineData("null", "malformed_json")]
    [InlineData("""{"prompt": 42}""", "malformed_json")]
    public async Task Deliver_NotAMusicRequest_GoesToTheInvalidQueueWithTheOriginalBody(string body, string reason)
    {
        var messageId = Guid.NewGuid().ToString();

        await _api.DeliverAsync(body, messageId);

        var envelope = await InvalidEnvelopeAsync(messageId);
        envelope.GetProperty("reason").GetString().Should().Be(reason);
        envelope.GetProperty("errors").EnumerateObject().Should().NotBeEmpty();
        envelope.GetProperty("original_body").GetString().Should().Be(body);
        (await fixture.Client.GetInstanceAsync("q-" + messageId)).Should().BeNull();
    }

    [Fact]
    public async Task Deliver_SameMessageAgain_IsAcknowledgedWithoutASecondSubmit()
    {
        // Arrange
        var prompt = GenerationRunner.UniquePrompt("queue redelivery");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { PollsBeforeDone = 2 } : null);
        var messageId = Guid.NewGuid().ToString();
        var body = $$"""{"prompt":"{{prompt}}"}""";

        // Act: delivered, redelivered while it runs (the first delivery's ack was lost), and again after it ended.
        await _api.DeliverAsync(body, messageId, dequeueCount: 1);
        await _api.DeliverAsync(body, messageId, dequeueCount: 2);
        var run = await fixture.WaitAsync("q-" + messageId);
        await _api.DeliverAsync(body, messageId, dequeueCount: 3);

        // Assert
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        fixture.Upstream.Tasks.Count(t => t.Request.Prompt == prompt).Should().Be(1, "a redelivered message must not start another generation");
        await ResultEventAsync($"q-{messageId}:completed");
        var events = await QueueMessages.ReadAllAsync(fixture.Storage.ConnectionString, fixture.ResultsQueueName);
        events.Count(e => e.GetProperty("generation_id").GetString() == "q-" + messageId).Should().Be(1);
        (await fixture.Client.GetInstanceAsync("q-" + messageId))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
    }

    [Fact]
    public async Task Deliver_KnownRequestIdWithADifferentRequest_GoesToTheInvalidQueueAndStartsNothing()
    {
        var prompt = GenerationRunner.UniquePrompt("queue conflict");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { PollsBeforeDone = 0 } : null);
        var requestId = "order-" + Guid.NewGuid().ToString("N");
        await _api.DeliverAsync($$"""{"prompt":"{{prompt}}","request_id":"{{requestId}}"}""", Guid.NewGuid().ToString());
        await fixture.WaitAsync(requestId);
        var secondId = Guid.NewGuid().ToString();

        await _api.DeliverAsync($$"""{"prompt":"{{prompt}} (edited)","request_id":"{{requestId}}"}""", secondId);

        var envelope = await InvalidEnvelopeAsync(secondId);
        envelope.GetProperty("reason").GetString().Should().Be("request_id_conflict");
        fixture.Upstream.Tasks.Should().NotContain(t => t.Request.Prompt == prompt + " (edited)");
    }
}
