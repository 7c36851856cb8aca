using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MusicFunctions.Archive;
using MusicFunctions.Http;
using MusicFunctions.Orchestration;
using MusicFunctions.Orchestration.Activities;
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
        services.AddValidatedOptions<ArchiveOptions>(configuration, ArchiveOptions.SectionName);
        services.AddValidatedOptions<RequestLimitsOptions>(configuration, RequestLimitsOptions.SectionName);

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
        });

        services.AddHttpClient<IMusicApiClient, MusicApiClient>((provider, http) =>
            http.Timeout = provider.GetRequiredService<IOptions<MusicApiOptions>>().Value.RequestTimeout);

        services.AddHttpClient(FileArchiver.HttpClientName, (provider, http) =>
            http.Timeout = provider.GetRequiredService<IOptions<ArchiveOptions>>().Value.DownloadTimeout);

        services.AddSingleton<ArchiveContainer>();
        services.AddSingleton<FileArchiver>();

        services.AddSingleton<MusicRequestValidator>();
        services.AddSingleton<GenerationScheduler>();
        services.AddTransient<GenerationsApi>();

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
