using Microsoft.Extensions.DependencyInjection;

namespace MusicFunctions.Queues;

/// <summary>Registers the request-queue trigger's helpers and the queue sender.</summary>
public static class RequestQueueServiceCollectionExtensions
{
    /// <summary>Expects <see cref="RequestQueueOptions"/> and a QueueServiceClient to be registered.</summary>
    public static IServiceCollection AddRequestQueue(this IServiceCollection services)
    {
        services.AddSingleton<QueueSender>();
        services.AddSingleton<InvalidMessageForwarder>();
        services.AddTransient<MusicRequestQueueFunction>();
        return services;
    }
}
