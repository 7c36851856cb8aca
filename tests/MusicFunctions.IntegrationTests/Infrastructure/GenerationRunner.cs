using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MusicFunctions.Orchestration;
using MusicFunctions.Requests;

namespace MusicFunctions.IntegrationTests.Infrastructure;

/// <summary>Starts generations on the fixture's test host, with inputs built as the app builds them, and waits for them to end.</summary>
public static class GenerationRunner
{
    public static async Task<OrchestrationMetadata> RunAsync(this PipelineFixture fixture, MusicRequest request, PollingOptions? polling = null)
    {
        var id = await fixture.StartAsync(request, polling);
        return await fixture.WaitAsync(id);
    }

    public static Task<string> StartAsync(this PipelineFixture fixture, MusicRequest request, PollingOptions? polling = null)
    {
        var normalized = fixture.Services.GetRequiredService<MusicRequestValidator>().Normalize(request);
        // The app's own input, so the fixture's settings (fast durable retries among them) reach the run.
        var input = fixture.Services.GetRequiredService<GenerationScheduler>().CreateInput(normalized);
        return fixture.Client.ScheduleNewOrchestrationInstanceAsync(
            MusicGenerationOrchestrator.Name, polling is null ? input : input with { Polling = polling });
    }

    public static async Task<OrchestrationMetadata> WaitAsync(this PipelineFixture fixture, string instanceId, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        return await fixture.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellation.Token);
    }

    /// <summary>A prompt no other test uses, so a stand-in script can be keyed on it.</summary>
    public static string UniquePrompt(string what) => $"{what} #{Guid.NewGuid():N}";
}
