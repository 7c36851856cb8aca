using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MusicFunctions.IntegrationTests.Infrastructure;
using MusicFunctions.Orchestration;
using MusicFunctions.Requests;
using MusicFunctions.Upstream;

namespace MusicFunctions.IntegrationTests.Upstream;

/// <summary>
/// Starts generations the way the HTTP API does, through the app's <see cref="GenerationScheduler"/>,
/// so the run carries the configured retry settings (the fixture's millisecond ones).
/// </summary>
internal static class SchedulerRuns
{
    public static async Task<OrchestrationMetadata> RunScheduledAsync(this PipelineFixture fixture, string prompt)
    {
        var request = fixture.Services.GetRequiredService<MusicRequestValidator>().Normalize(new MusicRequest { Prompt = prompt, Model = "suno-v5" });
        var id = await fixture.Services.GetRequiredService<GenerationScheduler>().ScheduleAsync(fixture.Client, request, null, CancellationToken.None);
        return await fixture.WaitAsync(id);
    }

    public static ResilienceOptions Resilience(this PipelineFixture fixture) =>
        fixture.Services.GetRequiredService<IOptions<ResilienceOptions>>().Value;

    public static MusicApiRetryOptions HttpRetry(this PipelineFixture fixture) =>
        fixture.Services.GetRequiredService<IOptions<MusicApiOptions>>().Value.Retry;
}
