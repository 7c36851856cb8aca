using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace MusicFunctions.Testing.Engine;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> over DurableTask.Core's <see cref="TaskHubClient"/>, so the
/// app's own <c>GenerationScheduler</c> (which copies configuration into the orchestration input) starts
/// the runs. Only scheduling is needed; the rest is read through <see cref="AzureStorageEngine"/>.
/// </summary>
public sealed class TaskHubDurableTaskClient(TaskHubClient client) : DurableTaskClient("azure-storage-engine")
{
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var instance = await client.CreateOrchestrationInstanceAsync(orchestratorName.Name, "", instanceId, input);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        throw NotNeeded();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw NotNeeded();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw NotNeeded();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw NotNeeded();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw NotNeeded();

    public override Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw NotNeeded();

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw NotNeeded();

    public override ValueTask DisposeAsync() => default;

    private static NotSupportedException NotNeeded() =>
        new("The benchmark and fault suite only schedule through this client; read states through AzureStorageEngine.");
}
