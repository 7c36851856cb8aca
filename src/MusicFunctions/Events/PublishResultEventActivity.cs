using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using MusicFunctions.Queues;

namespace MusicFunctions.Events;

/// <summary>
/// Puts one result event on the results queue. At least once: a retry after a send whose answer was
/// lost queues the event again, with the same event id, so consumers de-duplicate on event_id.
/// </summary>
public sealed class PublishResultEventActivity(QueueSender queues, ILogger<PublishResultEventActivity> logger)
{
    public const string Name = "PublishResultEvent";

    [Function(Name)]
    public async Task<string> RunAsync([ActivityTrigger] QueuedResultEvent input, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetString(ResultEventJson.Serialize(input.Event));
        var messageId = await queues.SendAsync(input.Queue, body, cancellationToken);
        logger.LogInformation("Queued result event {EventId} of generation {GenerationId} on {Queue} as message {MessageId}",
            input.Event.EventId, input.Event.GenerationId, input.Queue, messageId);
        return messageId;
    }
}
