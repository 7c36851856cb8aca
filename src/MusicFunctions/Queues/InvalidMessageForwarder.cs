using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MusicFunctions.Queues;

/// <summary>
/// Moves a message that cannot become a generation to the invalid-requests queue, with the reasons.
/// Retrying it would fail the same way five times and then bury it in the poison queue without a word.
/// </summary>
public sealed class InvalidMessageForwarder(QueueSender queues, IOptions<RequestQueueOptions> options, ILogger<InvalidMessageForwarder> logger)
{
    public async Task ForwardAsync(InvalidMessageEnvelope envelope, CancellationToken cancellationToken)
    {
        var queue = options.Value.InvalidQueue;
        await queues.SendAsync(queue, envelope.ToJson(), cancellationToken);
        // Field names only: the values are the sender's data.
        logger.LogWarning("Request message {MessageId} is {Reason} ({Fields}); moved to {Queue}",
            envelope.MessageId, envelope.Reason, string.Join(", ", envelope.Errors.Keys), queue);
    }
}
