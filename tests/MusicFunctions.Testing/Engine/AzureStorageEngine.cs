using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicFunctions.Configuration;
using MusicFunctions.Orchestration;
using MusicFunctions.Requests;

namespace MusicFunctions.Testing.Engine;

/// <summary>
/// The app's orchestrators and activities on the engine production runs on: DurableTask.Core with the
/// Azure Storage provider, through the SDK's public shims, the way the Functions host runs the isolated
/// worker's code. Services come from the app's own <c>AddMusicFunctions</c>; generations start through
/// the app's <see cref="GenerationScheduler"/>, so settings reach the orchestration input as in production.
/// </summary>
public sealed partial class AzureStorageEngine : IAsyncDisposable
{
    private static readonly OrchestrationStatus[] Ended =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled];

    private readonly ServiceProvider _services;
    private readonly AzureStorageOrchestrationService _orchestrationService;
    private readonly TaskHubWorker _worker;
    private readonly JsonDataConverter _converter = JsonDataConverter.Default;

    private readonly bool _deleteTaskHub;

    private AzureStorageEngine(
        ServiceProvider services, AzureStorageOrchestrationService orchestrationService, TaskHubWorker worker, TaskHubClient client, bool deleteTaskHub)
    {
        _deleteTaskHub = deleteTaskHub;
        _services = services;
        _orchestrationService = orchestrationService;
        _worker = worker;
        Client = new TaskHubDurableTaskClient(client);
    }

    public IServiceProvider Services => _services;

    /// <summary>Schedules orchestrations; what <see cref="GenerationScheduler"/> is given.</summary>
    public TaskHubDurableTaskClient Client { get; }

    public static async Task<AzureStorageEngine> StartAsync(AzureStorageEngineOptions options)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(options.AppSettings).Build();
        var services = new ServiceCollection()
            .AddLogging(logging =>
            {
                logging.SetMinimumLevel(options.LogLevel);
                if (options.Log is { } log)
                {
                    logging.AddProvider(new LineLoggerProvider(log));
                }
            })
            .AddMusicFunctions(configuration)
            .BuildServiceProvider();
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();

        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.ConnectionString),
            TaskHubName = options.TaskHubName,
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            // Durable Functions 3.x's default partition manager.
            UseTablePartitionManagement = true,
            LoggerFactory = loggerFactory,
        };
        if (options.QueueVisibilityTimeout is { } visibility)
        {
            settings.ControlQueueVisibilityTimeout = visibility;
            settings.WorkItemQueueVisibilityTimeout = visibility;
        }

        var orchestrationService = new AzureStorageOrchestrationService(settings);
        await orchestrationService.CreateIfNotExistsAsync();

        var converter = JsonDataConverter.Default;
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter }, loggerFactory);
        // Failures reach the orchestrator as TaskFailedException with details, as under the Functions host.
        var worker = new TaskHubWorker(orchestrationService, loggerFactory) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        foreach (var (name, create) in DurableTaskRegistration.Orchestrators)
        {
            worker.AddTaskOrchestrations(new FreshShimCreator<TaskOrchestration>(name, () => shims.CreateOrchestration(name, create())));
        }
        foreach (var (name, create) in DurableTaskRegistration.Activities)
        {
            worker.AddTaskActivities(new FreshShimCreator<TaskActivity>(name, () => shims.CreateActivity(name, create(services))));
        }
        await worker.StartAsync();

        var client = new TaskHubClient(orchestrationService, new CoreDataConverter(converter), loggerFactory);
        return new AzureStorageEngine(services, orchestrationService, worker, client, options.DeleteTaskHubOnDispose);
    }

    /// <summary>Validates and normalises the request as the HTTP entry point does, then schedules it like production.</summary>
    public async Task<string> StartGenerationAsync(MusicRequest request, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        var normalized = _services.GetRequiredService<MusicRequestValidator>().Normalize(request);
        return await _services.GetRequiredService<GenerationScheduler>()
            .ScheduleAsync(Client, normalized, instanceId ?? Guid.NewGuid().ToString("N"), cancellationToken);
    }

    /// <summary>The generation as the engine has it now; Status "Missing" when the engine does not know it.</summary>
    public async Task<GenerationOutcome> GetOutcomeAsync(string instanceId)
    {
        var state = (await _orchestrationService.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: false))
            .FirstOrDefault();
        return state is null ? new GenerationOutcome(instanceId, "Missing", null, null, default, null) : ToOutcome(state);
    }

    /// <summary>Every generation created since <paramref name="createdSince"/> that has ended, read with one query (paged).</summary>
    public async Task<IReadOnlyList<GenerationOutcome>> ListEndedAsync(DateTime createdSince, CancellationToken cancellationToken = default)
    {
        var ended = new List<GenerationOutcome>();
        string? continuation = null;
        do
        {
            var page = await _orchestrationService.GetOrchestrationStateAsync(
                createdSince, null, Ended, 500, continuation, cancellationToken);
            ended.AddRange(page.OrchestrationState.Select(ToOutcome));
            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
        return ended;
    }

    /// <summary>
    /// Waits until every generation in <paramref name="instanceIds"/> has ended or <paramref name="timeout"/> passes,
    /// then returns how each stands. Storage errors (an outage) are waited out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, GenerationOutcome>> WaitForAllAsync(
        IReadOnlyCollection<string> instanceIds, DateTime createdSince, TimeSpan timeout, TimeSpan? pollInterval = null)
    {
        var pending = new HashSet<string>(instanceIds);
        var outcomes = new Dictionary<string, GenerationOutcome>();
        var until = DateTime.UtcNow + timeout;
        while (pending.Count > 0 && DateTime.UtcNow < until)
        {
            try
            {
                foreach (var outcome in await ListEndedAsync(createdSince))
                {
                    if (pending.Remove(outcome.InstanceId))
                    {
                        outcomes[outcome.InstanceId] = outcome;
                    }
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Storage unreachable for a moment: ask again next round.
            }
            if (pending.Count > 0)
            {
                await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(250));
            }
        }
        foreach (var id in pending)
        {
            outcomes[id] = await GetOutcomeOrMissingAsync(id);
        }
        return outcomes;
    }

    public async ValueTask DisposeAsync()
    {
        // The worker first: deleting the hub under a running partition manager hangs its shutdown.
        await _worker.StopAsync(isForced: true);
        if (_deleteTaskHub)
        {
            await _orchestrationService.DeleteAsync();
        }
        await _services.DisposeAsync();
    }

    private async Task<GenerationOutcome> GetOutcomeOrMissingAsync(string instanceId)
    {
        try
        {
            return await GetOutcomeAsync(instanceId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new GenerationOutcome(instanceId, "Missing", null, $"could not be read: {ex.Message}", default, null);
        }
    }

    /// <summary>
    /// The shims record a failed orchestration as "Namespace.TypeException: message"; the Functions host reports
    /// the message alone (FailureDetails.ErrorMessage), which is what callers of the app see.
    /// </summary>
    private static string? WithoutExceptionType(string? output)
    {
        var match = output is null ? null : ExceptionTypePrefix().Match(output);
        return match is { Success: true } ? output![match.Length..] : output;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z_][\w.`+]*Exception: ")]
    private static partial System.Text.RegularExpressions.Regex ExceptionTypePrefix();

    private GenerationOutcome ToOutcome(OrchestrationState state)
    {
        var status = state.OrchestrationStatus.ToString();
        GenerationResult? result = null;
        string? failure = null;
        if (state.OrchestrationStatus == OrchestrationStatus.Completed && !string.IsNullOrEmpty(state.Output))
        {
            result = _converter.Deserialize<GenerationResult>(state.Output);
        }
        else if (state.OrchestrationStatus == OrchestrationStatus.Failed)
        {
            failure = state.FailureDetails?.ErrorMessage ?? WithoutExceptionType(state.Output);
        }
        DateTime? completedAt = state.OrchestrationStatus is OrchestrationStatus.Completed or OrchestrationStatus.Failed
            or OrchestrationStatus.Terminated ? state.CompletedTime : null;
        return new GenerationOutcome(state.OrchestrationInstance.InstanceId, status, result, failure, state.CreatedTime, completedAt);
    }
}
