using Microsoft.DurableTask.Client;
using MusicFunctions.IntegrationTests.Infrastructure;
using MusicFunctions.Orchestration;
using MusicFunctions.StandIn;

namespace MusicFunctions.IntegrationTests.Pipelines;

[Collection(PipelineCollection.Name)]
public class IdempotentStartTests(PipelineFixture fixture)
{
    private readonly PipelineApi _api = new(fixture);

    private static string NewRequestId() => "req-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Start_SameRequestIdAgain_AnswersTheSameGenerationAndSubmitsOnce()
    {
        // Arrange
        var prompt = GenerationRunner.UniquePrompt("idempotent http");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { PollsBeforeDone = 3 } : null);
        var requestId = NewRequestId();
        var body = $$"""{"prompt":"{{prompt}}","request_id":"{{requestId}}"}""";

        // Act
        var first = await _api.PostAsync(body);
        var again = await _api.PostAsync(body);
        var run = await fixture.WaitAsync(requestId);
        var afterwards = await _api.PostAsync(body);

        // Assert
        first.Status.Should().Be(202, first.Body);
        first.Json.GetProperty("id").GetString().Should().Be(requestId);
        again.Status.Should().Be(202, "it is still running: the same answer as the first time");
        again.Json.GetProperty("id").GetString().Should().Be(requestId);
        again.Headers.Location.ToString().Should().Be(first.Headers.Location.ToString());

        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        afterwards.Status.Should().Be(200, "it has ended: the status view with the result");
        afterwards.Json.GetProperty("id").GetString().Should().Be(requestId);
        afterwards.Json.GetProperty("runtime_status").GetString().Should().Be("Completed");
        afterwards.Json.GetProperty("result").GetProperty("tracks").GetArrayLength().Should().Be(2);
        afterwards.Headers.Location.ToString().Should().EndWith("/api/music/generations/" + requestId);
        fixture.Upstream.Tasks.Count(t => t.Request.Prompt == prompt).Should().Be(1);
    }

    [Fact]
    public async Task Start_SeveralAtOnceWithOneRequestId_OneGenerationAndOneSubmit()
    {
        // Arrange
        var prompt = GenerationRunner.UniquePrompt("idempotent race");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { PollsBeforeDone = 1 } : null);
        var requestId = NewRequestId();
        var body = $$"""{"prompt":"{{prompt}}","request_id":"{{requestId}}"}""";

        // Act: all of them pass the "does it exist?" check before any has scheduled.
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _api.PostAsync(body))));
        var run = await fixture.WaitAsync(requestId);

        // Assert
        answers.Select(a => a.Status).Should().AllBeEquivalentTo(202);
        answers.Select(a => a.Json.GetProperty("id").GetString()).Should().AllBe(requestId);
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        fixture.Upstream.Tasks.Count(t => t.Request.Prompt == prompt).Should().Be(1);
    }

    [Fact]
    public async Task Start_SameRequestIdWithADifferentRequest_Answers409AndSubmitsNothingNew()
    {
        var prompt = GenerationRunner.UniquePrompt("idempotent conflict");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { PollsBeforeDone = 0 } : null);
        var requestId = NewRequestId();
        var first = await _api.PostAsync($$"""{"prompt":"{{prompt}}","request_id":"{{requestId}}"}""");

        var second = await _api.PostAsync($$"""{"prompt":"{{prompt}}","request_id":"{{requestId}}","instrumental":true}""");

        first.Status.Should().Be(202);
        second.Status.Should().Be(409);
        second.ContentType.Should().StartWith("application/problem+json");
        second.Body.Should().Contain(requestId);
        await fixture.WaitAsync(requestId);
        fixture.Upstream.Tasks.Where(t => t.Request.Prompt == prompt).Should().ContainSingle().Which.Request.Instrumental.Should().BeFalse();
    }

    [Fact]
    public async Task Start_RequestIdOfAFailedGeneration_AnswersItsStateAndDoesNotTryAgain()
    {
        var prompt = GenerationRunner.UniquePrompt("idempotent failed");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt
            ? new GenerationScript { Outcome = StandInOutcome.Failed, FailReason = "Lyrics rejected", PollsBeforeDone = 0 }
            : null);
        var requestId = NewRequestId();
        var body = $$"""{"prompt":"{{prompt}}","request_id":"{{requestId}}"}""";
        await _api.PostAsync(body);
        await fixture.WaitAsync(requestId);

        var again = await _api.PostAsync(body);

        again.Status.Should().Be(200);
        again.Json.GetProperty("runtime_status").GetString().Should().Be("Failed");
        again.Json.GetProperty("error").GetString().Should().Contain("Lyrics rejected");
        fixture.Upstream.Tasks.Count(t => t.Request.Prompt == prompt).Should().Be(1);
    }

    [Fact]
    public async Task Start_RequestIdAndCallback_TravelBesideTheUpstreamRequestNotInIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var prompt = GenerationRunner.UniquePrompt("idempotent upstream body");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { PollsBeforeDone = 0 } : null);
        var requestId = NewRequestId();
        var hook = receiver.NewHook();

        await _api.PostAsync($$"""{"prompt":"{{prompt}}","request_id":"{{requestId}}","callback_url":"{{hook}}"}""");
        var run = await fixture.WaitAsync(requestId);

        // The submit activity sends input.Request upstream (nulls omitted): our own fields must not be in it.
        var input = run.ReadInputAs<GenerationInput>()!;
        input.Request.RequestId.Should().BeNull();
        input.Request.CallbackUrl.Should().BeNull();
        input.RequestId.Should().Be(requestId);
        input.CallbackUrl.Should().Be(hook.ToString());
        input.Events!.ResultsQueue.Should().Be(fixture.ResultsQueueName);
        run.SerializedInput.Should().NotContain(PipelineFixture.WebhookSecret, "the secret never enters orchestration state");
    }
}
