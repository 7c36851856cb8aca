using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using MusicFunctions.Archive;
using MusicFunctions.Orchestration.Activities;
using MusicFunctions.Requests;

namespace MusicFunctions.Orchestration;

/// <summary>
/// The generation's orchestrator and activities as a Durable Task registry sees them, for hosts
/// other than Azure Functions (the in-process test host, the benchmark). Activities are resolved
/// from the host's services, exactly as the Functions host builds them.
/// </summary>
public static class DurableTaskRegistration
{
    public static DurableTaskRegistry AddMusicGeneration(this DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<GenerationInput, GenerationResult>(
            MusicGenerationOrchestrator.Name, (context, input) => MusicGenerationOrchestrator.RunAsync(context, input!));

        registry.AddActivity<SubmitGenerationActivity, MusicRequest, string>(
            SubmitGenerationActivity.Name, (activity, input, ct) => activity.RunAsync(input, ct));
        registry.AddActivity<GetTaskStatusActivity, string, TaskSnapshot>(
            GetTaskStatusActivity.Name, (activity, input, ct) => activity.RunAsync(input, ct));
        registry.AddActivity<ArchiveTrackActivity, ArchiveTrackInput, ArchivedTrack>(
            ArchiveTrackActivity.Name, (activity, input, ct) => activity.RunAsync(input, ct));
        registry.AddActivity<WriteManifestActivity, ManifestInput, ArchivedFile>(
            WriteManifestActivity.Name, (activity, input, ct) => activity.RunAsync(input, ct));
        return registry;
    }

    private static void AddActivity<TActivity, TInput, TOutput>(
        this DurableTaskRegistry registry, string name, Func<TActivity, TInput, CancellationToken, Task<TOutput>> run)
        where TActivity : notnull =>
        registry.AddActivity(name, services => new ServiceActivity<TActivity, TInput, TOutput>(services, run));

    private sealed class ServiceActivity<TActivity, TInput, TOutput>(
        IServiceProvider services, Func<TActivity, TInput, CancellationToken, Task<TOutput>> run)
        : TaskActivity<TInput, TOutput>
        where TActivity : notnull
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) =>
            run(services.GetRequiredService<TActivity>(), input, CancellationToken.None);
    }
}
