using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MusicFunctions.Events;

/// <summary>Registers result events: the callback URL guard, the signed webhook client and the publishing activities.</summary>
public static class EventsServiceCollectionExtensions
{
    /// <summary>Expects <see cref="EventOptions"/>, the archive's options and a QueueSender to be registered.</summary>
    public static IServiceCollection AddResultEvents(this IServiceCollection services)
    {
        services.AddSingleton<CallbackUrlPolicy>();
        services.AddSingleton<CancellationAnnouncer>();

        // Its own primary handler from the archive's guard: connect-time address check, no proxy, no redirects.
        services.AddHttpClient(DeliverWebhookActivity.HttpClientName, (provider, http) =>
                http.Timeout = provider.GetRequiredService<IOptions<EventOptions>>().Value.CallbackTimeout)
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<CallbackUrlPolicy>().CreateHandler());

        services.AddTransient<PublishResultEventActivity>();
        services.AddTransient<DeliverWebhookActivity>();
        return services;
    }
}
