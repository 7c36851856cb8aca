using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using MusicFunctions.Archive;
using MusicFunctions.Events;
using MusicFunctions.Orchestration.Activities;
using MusicFunctions.Requests;

namespace MusicFunctions.Orchestration;

/// <summary>
/// The generation's orchestrator and activities as Durable Task objects, for hosts other than Azure
/// Functions (the in-process test host, the benchmark and fault suite on the Azure Storage engine).
/// Activities are resolved from the host's services, exactly as the Functions host builds them.
/// </summary>
public static class DurableTaskRegistration
{
    /// <summary>
    /// Every activity a generation calls: its name, and how to build it from the host's services. The one
    /// list every non-Functions host registers, so a new activity is added here and nowhere else.
    /// </summary>
    public static IReadOnlyList<(string Name, Func<IServiceProvider, ITaskActivity> Create)> Activities { get; } =
    [
        Activity<SubmitGenerationActivity, MusicRequest, string>(
            SubmitGenerationActivity.Name, (activity, input, ct) => activity.RunAsync(input, ct)),
        Activity<GetTaskStatusActivity, string, TaskSnapshot>(
            GetTaskStatusActivity.Name, (activity, input, ct) => activity.RunAsync(input, ct)),
        Activity<ArchiveTrackActivity, ArchiveTrackInput, ArchivedTrack>(
            ArchiveTrackActivity.Name, (activity, input, ct) => activity.RunAsync(input, ct)),
        Activity<WriteManifestActivity, ManifestInput, ArchivedFile>(
            WriteManifestActivity.Name, (activity, input, ct) => activity.RunAsync(input, ct)),
        Activity<PublishResultEventActivity, QueuedResultEvent, string>(
            PublishResultEventActivity.Name, (activity, input, ct) => activity.RunAsync(input, ct)),
        Activity<DeliverWebhookActivity, WebhookDelivery, int>(
            DeliverWebhookActivity.Name, (activity, input, ct) => activity.RunAsync(input, ct)),
    ];

    /// <summary>The orchestrator, named <see cref="MusicGenerationOrchestrator.Name"/>. Stateless; hosts may build one per run.</summary>
    public static ITaskOrchestrator CreateOrchestrator() => new GenerationOrchestrator();

    /// <summary>
    /// Every orchestrator: the generation's and those it starts. Like <see cref="Activities"/>, the one list
    /// every non-Functions host registers (the Azure Storage engine asks for a new object per work item).
    /// </summary>
    public static IReadOnlyList<(string Name, Func<ITaskOrchestrator> Create)> Orchestrators { get; } =
    [
        (MusicGenerationOrchestrator.Name, CreateOrchestrator),
        (ResultPublishingOrchestrator.Name, () => new PublishingOrchestrator()),
    ];

    public static DurableTaskRegistry AddMusicGeneration(this DurableTaskRegistry registry)
    {
        foreach (var (name, create) in Orchestrators)
        {
            registry.AddOrchestrator(name, create);
        }
        foreach (var (name, create) in Activities)
        {
            registry.AddActivity(name, create);
        }
        return registry;
    }

    private static (string Name, Func<IServiceProvider, ITaskActivity> Create) Activity<TActivity, TInput, TOutput>(
        string name, Func<TActivity, TInput, CancellationToken, Task<TOutput>> run)
        where TActivity : notnull =>
        (name, services => new ServiceActivity<TActivity, TInput, TOutput>(services, run));

    private sealed class ServiceActivity<TActivity, TInput, TOutput>(
        IServiceProvider services, Func<TActivity, TInput, CancellationToken, Task<TOutput>> run)
        : TaskActivity<TInput, TOutput>
        where TActivity : notnull
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) =>
            run(services.GetRequiredService<TActivity>(), input, CancellationToken.None);
    }

    private sealed class PublishingOrchestrator : TaskOrchestrator<ResultPublication, PublicationReport>
    {
        public override Task<PublicationReport> RunAsync(TaskOrchestrationContext context, ResultPublication input) =>
            ResultPublishingOrchestrator.RunAsync(context, input
                ?? throw new ResultPublicationException("The orchestration was started without a ResultPublication."));
    }

    private sealed class GenerationOrchestrator : TaskOrchestrator<GenerationInput, GenerationResult>
    {
        public override Task<GenerationResult> RunAsync(TaskOrchestrationContext context, GenerationInput input) =>
            MusicGenerationOrchestrator.RunAsync(context, input
                ?? throw new GenerationFailedException("The orchestration was started without a GenerationInput."));
    }
}
