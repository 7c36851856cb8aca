using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MusicFunctions.Http;
using MusicFunctions.IntegrationTests.Http;
using MusicFunctions.IntegrationTests.Infrastructure;
using MusicFunctions.Queues;

namespace MusicFunctions.IntegrationTests.Pipelines;

/// <summary>Calls the app's functions the way the Functions host would: HTTP through <see cref="HttpCall"/>, queue messages as QueueMessage objects.</summary>
public sealed class PipelineApi(PipelineFixture fixture)
{
    private GenerationsApi Generations => fixture.Services.GetRequiredService<GenerationsApi>();
    private GenerationsManagementApi Management => fixture.Services.GetRequiredService<GenerationsManagementApi>();

    public async Task<HttpAnswer> PostAsync(string body)
    {
        var call = new HttpCall("POST", "/api/music/generations", body);
        return await call.ExecuteAsync(await Generations.StartAsync(call.Request, fixture.Client, CancellationToken.None));
    }

    public async Task<HttpAnswer> GetAsync(string id)
    {
        var call = new HttpCall("GET", $"/api/music/generations/{id}");
        return await call.ExecuteAsync(await Generations.GetAsync(call.Request, fixture.Client, id, CancellationToken.None));
    }

    public async Task<HttpAnswer> DeleteAsync(string id, string? query = null)
    {
        var call = new HttpCall("DELETE", $"/api/music/generations/{id}");
        call.Request.QueryString = new QueryString(query);
        return await call.ExecuteAsync(await Management.CancelAsync(call.Request, fixture.Client, id, CancellationToken.None));
    }

    public async Task<HttpAnswer> ListAsync(string? query = null)
    {
        var call = new HttpCall("GET", "/api/music/generations");
        call.Request.QueryString = new QueryString(query);
        return await call.ExecuteAsync(await Management.ListAsync(call.Request, fixture.Client, CancellationToken.None));
    }

    /// <summary>Delivers one message to the queue trigger, as the host does (delivery number <paramref name="dequeueCount"/>).</summary>
    public Task DeliverAsync(string body, string messageId, long dequeueCount = 1)
    {
        var message = QueuesModelFactory.QueueMessage(messageId, "pop-" + dequeueCount, BinaryData.FromString(body), dequeueCount,
            insertedOn: DateTimeOffset.UtcNow);
        return fixture.Services.GetRequiredService<MusicRequestQueueFunction>().RunAsync(message, fixture.Client, CancellationToken.None);
    }
}
