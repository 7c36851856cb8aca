using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MusicFunctions.Http;
using MusicFunctions.IntegrationTests.Infrastructure;
using MusicFunctions.StandIn;

namespace MusicFunctions.IntegrationTests.Http;

[Collection(PipelineCollection.Name)]
public class GenerationsApiTests(PipelineFixture fixture)
{
    private GenerationsApi Api => fixture.Services.GetRequiredService<GenerationsApi>();

    private async Task<HttpAnswer> PostAsync(string? body, string? contentType = "application/json")
    {
        var call = new HttpCall("POST", "/api/music/generations", body, contentType);
        return await call.ExecuteAsync(await Api.StartAsync(call.Request, fixture.Client, CancellationToken.None));
    }

    private async Task<HttpAnswer> GetAsync(string id)
    {
        var call = new HttpCall("GET", $"/api/music/generations/{id}");
        return await call.ExecuteAsync(await Api.GetAsync(call.Request, fixture.Client, id, CancellationToken.None));
    }

    [Fact]
    public async Task Start_ValidRequest_Answers202WithStatusLinksAndCompletes()
    {
        // Arrange
        var prompt = GenerationRunner.UniquePrompt("http start");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt ? new GenerationScript { PollsBeforeDone = 1 } : null);

        // Act
        var started = await PostAsync($$"""{"prompt":"{{prompt}}","model":"suno-v5","instrumental":true}""");

        // Assert
        started.Status.Should().Be(202, started.Body);
        var id = started.Json.GetProperty("id").GetString()!;
        started.Headers.Location.ToString().Should().Be($"http://localhost:7071/api/music/generations/{id}");
        started.Json.GetProperty("generationStatusUri").GetString().Should().Be(started.Headers.Location.ToString());

        var run = await fixture.WaitAsync(id);
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        var submitted = fixture.Upstream.Tasks.Single(t => t.Request.Prompt == prompt).Request;
        submitted.Model.Should().Be("suno-v5");
        submitted.Instrumental.Should().BeTrue();

        var view = await GetAsync(id);
        view.Status.Should().Be(200);
        view.Json.GetProperty("runtime_status").GetString().Should().Be("Completed");
        view.Json.GetProperty("upstream").GetProperty("task_id").GetString().Should().NotBeNullOrEmpty();
        view.Json.GetProperty("result").GetProperty("tracks").GetArrayLength().Should().Be(2);
        view.Json.GetProperty("result").GetProperty("tracks")[0].GetProperty("audio").GetProperty("blob_name").GetString()
            .Should().StartWith(id + "/");
    }

    [Fact]
    public async Task Start_InvalidFields_Answers400ProblemNamingEveryBadField()
    {
        var answer = await PostAsync("""{"prompt":"","model":"suno-v1","custom_mode":true,"vocal_gender":"x"}""");

        answer.Status.Should().Be(400);
        answer.ContentType.Should().StartWith("application/problem+json");
        answer.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo("prompt", "model", "style", "title", "vocal_gender");
    }

    [Theory]
    [InlineData("not json at all", "Invalid JSON")]
    [InlineData("""{"prompt": "x", "custom_mode": "yes"}""", "custom_mode")]
    [InlineData("null", "not null")]
    [InlineData("[1,2]", "Invalid JSON")]
    public async Task Start_BodyNotAMusicRequest_Answers400SayingWhy(string body, string expected)
    {
        var answer = await PostAsync(body);

        answer.Status.Should().Be(400);
        answer.ContentType.Should().StartWith("application/problem+json");
        answer.Body.Should().Contain(expected);
    }

    [Fact]
    public async Task Start_WrongContentType_Answers415()
    {
        var answer = await PostAsync("prompt=hello", "application/x-www-form-urlencoded");

        answer.Status.Should().Be(415);
        answer.ContentType.Should().StartWith("application/problem+json");
    }

    [Fact]
    public async Task Start_BodyOver64KiB_Answers413()
    {
        var answer = await PostAsync($$"""{"prompt":"{{new string('a', 70_000)}}"}""");

        answer.Status.Should().Be(413);
    }

    [Fact]
    public async Task Get_UnknownId_Answers404Problem()
    {
        var answer = await GetAsync("no-such-generation");

        answer.Status.Should().Be(404);
        answer.ContentType.Should().StartWith("application/problem+json");
        answer.Body.Should().Contain("no-such-generation");
    }

    [Fact]
    public async Task Get_FailedGeneration_ShowsTheUpstreamReason()
    {
        var prompt = GenerationRunner.UniquePrompt("http failed");
        fixture.Upstream.ScriptFor(r => r.Prompt == prompt
            ? new GenerationScript { Outcome = StandInOutcome.Failed, FailReason = "Copyrighted lyrics detected", PollsBeforeDone = 0 }
            : null);
        var started = await PostAsync($$"""{"prompt":"{{prompt}}"}""");
        var id = started.Json.GetProperty("id").GetString()!;
        await fixture.WaitAsync(id);

        var view = await GetAsync(id);

        view.Json.GetProperty("runtime_status").GetString().Should().Be("Failed");
        view.Json.GetProperty("error").GetString().Should().Contain("Copyrighted lyrics detected");
        view.Json.TryGetProperty("result", out _).Should().BeFalse();
    }
}
