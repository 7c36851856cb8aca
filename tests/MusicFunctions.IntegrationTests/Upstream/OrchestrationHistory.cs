using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.DurableTask.Testing.Sidecar;
using MusicFunctions.IntegrationTests.Infrastructure;

namespace MusicFunctions.IntegrationTests.Upstream;

/// <summary>
/// Every history event the in-process test host stored for an instance, as the JSON it keeps.
/// Neither <c>DurableTaskClient.GetOrchestrationHistoryAsync</c> (empty) nor
/// <c>InMemoryOrchestrationService.GetOrchestrationHistoryAsync</c> (not implemented) returns it in
/// InProcessTestHost 0.2.3-preview.1, so this reads the service's instance store, and fails loudly
/// if a later version stores it differently.
/// </summary>
internal static class OrchestrationHistory
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;

    public static IReadOnlyList<string> Events(PipelineFixture fixture, string instanceId)
    {
        // The test host's services are the worker's; the orchestration service lives in its sidecar host.
        var sidecar = typeof(DurableTaskTestHost).GetField("sidecarHost", Private)?.GetValue(fixture.Host) as IHost
            ?? throw new InvalidOperationException("The test host has no 'sidecarHost' any more.");
        var service = sidecar.Services.GetServices<IOrchestrationService>().OfType<InMemoryOrchestrationService>().FirstOrDefault()
            ?? sidecar.Services.GetInMemoryOrchestrationService();
        var instanceStore = typeof(InMemoryOrchestrationService).GetField("instanceStore", Private)?.GetValue(service)
            ?? throw new InvalidOperationException("The in-memory orchestration service has no 'instanceStore' any more.");
        var instances = instanceStore.GetType().GetField("store", Private)?.GetValue(instanceStore) as IDictionary
            ?? throw new InvalidOperationException("The in-memory instance store has no 'store' dictionary any more.");
        var state = instances[instanceId] ?? throw new InvalidOperationException($"No stored state for instance {instanceId}.");
        var history = state.GetType().GetProperty("HistoryEventsJson")?.GetValue(state) as JsonArray
            ?? throw new InvalidOperationException("The stored instance state has no 'HistoryEventsJson' any more.");
        return history.Select(Serialize).ToList();
    }

    /// <summary>
    /// The store keeps the events themselves inside its JSON nodes; serialised as their base type they
    /// would lose their inputs, results and failures, so each is written as its own runtime type.
    /// </summary>
    private static string Serialize(JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue<HistoryEvent>(out var historyEvent))
        {
            return historyEvent.GetType().Name + " " + JsonSerializer.Serialize(historyEvent, historyEvent.GetType());
        }
        return node?.ToJsonString() ?? "";
    }
}
