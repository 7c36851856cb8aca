using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MusicFunctions.Archive;
using MusicFunctions.Events;
using MusicFunctions.Http;
using MusicFunctions.Maintenance;
using MusicFunctions.Orchestration;
using MusicFunctions.Orchestration.Activities;
using MusicFunctions.Queues;
using MusicFunctions.Requests;
using MusicFunctions.Upstream;

namespace MusicFunctions.Configuration;

/// <summary>Registers the app's services; used by Program.cs and by tests that host the same pieces.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddMusicFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MusicApiOptions>(configuration, MusicApiOptions.SectionName);
        services.AddValidatedOptions<PollingOptions>(configuration, PollingOptions.SectionName);
        services.AddValidatedOptions<ResilienceOptions>(configuration, ResilienceOptions.SectionName);
        services.AddValidatedOptions<ArchiveOptions>(configuration, ArchiveOptions.SectionName);
        services.AddValidatedOptions<RequestLimitsOptions>(configuration, RequestLimitsOptions.SectionName);
        services.AddValidatedOptions<EventOptions>(configuration, EventOptions.SectionName);
        services.AddValidatedOptions<RequestQueueOptions>(configuration, RequestQueueOptions.SectionName);
        services.AddValidatedOptions<CleanupOptions>(configuration, CleanupOptions.SectionName);

        var archiveStorage = ArchiveStorageOptions.Resolve(configuration);
        services.AddOptions<ArchiveStorageOptions>()
            .Configure(options => options.Source = archiveStorage?.Source)
            .Validate(options => options.Source is not null,
                $"No storage for the archive: set {ArchiveStorageOptions.ConnectionName} or {ArchiveStorageOptions.HostConnectionName} " +
                "(a connection string, or __serviceUri / __accountName for identity-based access).")
            .ValidateOnStart();
        services.AddAzureClients(clients =>
        {
            if (archiveStorage is { } storage)
            {
                // A connection string, or a service URI with a token credential (DefaultAzureCredential
                // unless the section names one, e.g. credential=managedidentity and clientId).
                clients.AddBlobServiceClient(storage.Section);
            }
            // The app's own queues (invalid requests, results) live beside the request queue, in the host's account.
            if (QueueStorageConnection.Resolve(configuration) is { } queues)
            {
                // Base64, as a Functions queue trigger (the next stage's, or ours) reads messages by default.
                clients.AddQueueServiceClient(queues.Section).ConfigureOptions(options => options.MessageEncoding = QueueMessageEncoding.Base64);
            }
        });

        // The typed upstream client with its retry pipeline (MusicApi:Retry:*); see Upstream/.
        services.AddMusicApiClient();

        // The guarded download client (connect-time address checks), the copy's retry pipeline and the archiver.
        services.AddArchive();

        services.AddSingleton<MusicRequestValidator>();
        services.AddSingleton<GenerationScheduler>();
        services.AddSingleton<GenerationStarter>();
        services.AddTransient<GenerationsApi>();
        services.AddTransient<GenerationsManagementApi>();

        // Pipelines: the request-queue trigger, result events (queue + signed webhooks), the nightly clean-up.
        services.TryAddSingleton(TimeProvider.System);
        services.AddRequestQueue();
        services.AddResultEvents();
        services.AddTransient<HistoryCleanupFunction>();

        services.AddTransient<SubmitGenerationActivity>();
        services.AddTransient<GetTaskStatusActivity>();
        services.AddTransient<ArchiveTrackActivity>();
        services.AddTransient<WriteManifestActivity>();
        return services;
    }

    private static void AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
