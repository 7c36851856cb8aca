using System.Text.Json;
using Microsoft.DurableTask.Client;
using MusicFunctions.IntegrationTests.Infrastructure;
using MusicFunctions.StandIn;

namespace MusicFunctions.IntegrationTests.Pipelines;

[Collection(PipelineCollection.Name)]
public class CancelAndListTests(PipelineFixture fixture)
{
    private readonly PipelineApi _api = new(fixture);

    [Fact]
    public async Task Delete_RunningGeneration_TerminatesItAndPublishesACancelledEvent()
    {
        // Arrange: a generation the upstream never finishes, with a callback.
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = receiver.NewHook();
        var prompt = GenerationRunner.UniquePrompt("cancel me");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { Outcome = StandInOutcome.Never } : null);
        var id = "cancel-" + Guid.NewGuid().ToString("N");
        await _api.PostAsync($$"""{"prompt":"{{prompt}}","request_id":"{{id}}","callback_url":"{{hook}}"}""");
        await fixture.Client.WaitForInstanceStartAsync(id);

        // Act
        var cancelled = await _api.DeleteAsync(id, "?reason=no%20longer%20needed");

        // Assert
        cancelled.Status.Should().BeOneOf([200, 202], cancelled.Body);
        var run = await fixture.WaitAsync(id);
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Terminated);

        var queued = await QueueMessages.WaitForAsync(fixture.Storage.ConnectionString, fixture.ResultsQueueName,
            e => e.GetProperty("event_id").GetString() == $"{id}:cancelled");
        queued.GetProperty("outcome").GetString().Should().Be("cancelled");
        queued.GetProperty("reason").GetString().Should().Be("no longer needed");
        queued.GetProperty("request_id").GetString().Should().Be(id);
        queued.GetProperty("tracks").GetArrayLength().Should().Be(0);

        var delivery = (await receiver.WaitForAsync(hook, 1)).Should().ContainSingle().Subject;
        delivery.EventIdHeader.Should().Be($"{id}:cancelled");
        ReceiverSignatureCheck.IsValid(PipelineFixture.WebhookSecret, delivery.SignatureHeader, delivery.Body, TimeSpan.FromMinutes(5), out _)
            .Should().BeTrue();

        var view = await _api.GetAsync(id);
        view.Json.GetProperty("runtime_status").GetString().Should().Be("Terminated");
        view.Json.GetProperty("error").GetString().Should().Be("Cancelled: no longer needed");
        fixture.Upstream.Tasks.Count(t => t.Request.Prompt == prompt).Should().Be(1);
    }

    [Fact]
    public async Task Delete_Twice_SecondAnswers409AndPublishesNothingMore()
    {
        var prompt = GenerationRunner.UniquePrompt("cancel twice");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { Outcome = StandInOutcome.Never } : null);
        var id = "cancel-" + Guid.NewGuid().ToString("N");
        await _api.PostAsync($$"""{"prompt":"{{prompt}}","request_id":"{{id}}"}""");
        await fixture.Client.WaitForInstanceStartAsync(id);
        await _api.DeleteAsync(id);
        await fixture.WaitAsync(id);
        await fixture.WaitAsync($"{id}:cancelled");

        var again = await _api.DeleteAsync(id);

        again.Status.Should().Be(409);
        again.Body.Should().Contain("cancelled");
        await Task.Delay(300);
        (await QueueMessages.ReadAllAsync(fixture.Storage.ConnectionString, fixture.ResultsQueueName))
            .Count(e => e.GetProperty("generation_id").GetString() == id).Should().Be(1);
    }

    [Fact]
    public async Task Delete_UnknownId_Answers404()
    {
        var answer = await _api.DeleteAsync("no-such-generation");

        answer.Status.Should().Be(404);
        answer.ContentType.Should().StartWith("application/problem+json");
    }

    [Fact]
    public async Task Delete_CompletedGeneration_Answers409AndPublishesNoCancelledEvent()
    {
        var prompt = GenerationRunner.UniquePrompt("cancel completed");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { PollsBeforeDone = 0 } : null);
        var id = "done-" + Guid.NewGuid().ToString("N");
        await _api.PostAsync($$"""{"prompt":"{{prompt}}","request_id":"{{id}}"}""");
        (await fixture.WaitAsync(id)).RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);

        var answer = await _api.DeleteAsync(id);

        answer.Status.Should().Be(409);
        answer.Body.Should().Contain("completed");
        (await fixture.Client.GetInstanceAsync($"{id}:cancelled")).Should().BeNull();
        (await fixture.Client.GetInstanceAsync(id))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
    }

    [Fact]
    public async Task List_SeveralGenerations_NewestFirstAcrossPagesFilteredByStatus()
    {
        // Arrange: three generations that fail at once, created one after another.
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var prompt = GenerationRunner.UniquePrompt($"list {i}");
            fixture.Upstream.ScriptFor(r => r.Prompt == prompt
                ? new GenerationScript { Outcome = StandInOutcome.Failed, FailReason = "for the list", PollsBeforeDone = 0 }
                : null);
            var id = $"list-{i}-" + Guid.NewGuid().ToString("N");
            await _api.PostAsync($$"""{"prompt":"{{prompt}}","request_id":"{{id}}"}""");
            await fixture.WaitAsync(id);
            ids.Add(id);
            await Task.Delay(20);
        }

        // Act: every page of failed generations, two at a time.
        var pages = new List<JsonElement>();
        string? query = "?status=failed&page_size=2";
        while (query is not null && pages.Count < 100)
        {
            var answer = await _api.ListAsync(query);
            answer.Status.Should().Be(200, answer.Body);
            pages.Add(answer.Json);
            query = answer.Json.TryGetProperty("continuation", out var next)
                ? $"?status=failed&page_size=2&continuation={Uri.EscapeDataString(next.GetString()!)}"
                : null;
        }

        // Assert
        var listed = pages.SelectMany(p => p.GetProperty("generations").EnumerateArray()).ToArray();
        pages.Should().HaveCountGreaterThan(1);
        pages.Should().OnlyContain(p => p.GetProperty("generations").GetArrayLength() <= 2);
        pages.SkipLast(1).Should().OnlyContain(p => p.GetProperty("next").GetString()!.Contains("continuation="));
        listed.Should().OnlyContain(g => g.GetProperty("runtime_status").GetString() == "Failed");
        listed.Select(g => g.GetProperty("id").GetString()).Should().OnlyHaveUniqueItems().And.NotContain(id => id!.Contains(':'));
        listed.Select(g => g.GetProperty("created_at").GetDateTimeOffset()).Should().BeInDescendingOrder();
        listed.Select(g => g.GetProperty("id").GetString()).Where(ids.Contains).Should().Equal(ids[2], ids[1], ids[0]);

        var running = (await _api.ListAsync("?status=running,completed&page_size=100")).Json;
        running.GetProperty("generations").EnumerateArray().Select(g => g.GetProperty("id").GetString()).Should().NotIntersectWith(ids);
    }

    [Fact]
    public async Task List_Unfiltered_ShowsSummariesWithUpstreamProgress()
    {
        var prompt = GenerationRunner.UniquePrompt("list summary");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { PollsBeforeDone = 0 } : null);
        var id = "sum-" + Guid.NewGuid().ToString("N");
        await _api.PostAsync($$"""{"prompt":"{{prompt}}","request_id":"{{id}}"}""");
        await fixture.WaitAsync(id);

        var first = (await _api.ListAsync("?page_size=1")).Json.GetProperty("generations").EnumerateArray().Single();

        first.GetProperty("id").GetString().Should().Be(id, "the newest generation comes first");
        first.GetProperty("runtime_status").GetString().Should().Be("Completed");
        first.GetProperty("upstream").GetProperty("status").GetString().Should().Be("ARCHIVED");
        first.TryGetProperty("result", out _).Should().BeFalse("the list is a summary");
    }

    [Theory]
    [InlineData("?status=done", "status")]
    [InlineData("?page_size=0", "page_size")]
    [InlineData("?page_size=1000", "page_size")]
    [InlineData("?continuation=not-a-token", "continuation")]
    public async Task List_BadQuery_Answers400NamingTheParameter(string query, string parameter)
    {
        var answer = await _api.ListAsync(query);

        answer.Status.Should().Be(400);
        answer.Body.Should().Contain(parameter);
    }
}
