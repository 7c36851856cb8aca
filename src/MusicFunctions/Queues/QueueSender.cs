using System.Collections.Concurrent;
using Azure.Storage.Queues;

namespace MusicFunctions.Queues;

/// <summary>
/// Sends messages to storage queues of the app's queue account, creating each queue on first use.
/// Messages are base64-encoded (the client is configured so), which a Functions queue trigger reads by default.
/// </summary>
public sealed class QueueSender(QueueServiceClient service)
{
    private readonly ConcurrentDictionary<string, Task> _created = new(StringComparer.Ordinal);

    /// <summary>Sends <paramref name="text"/> and returns the message id.</summary>
    public async Task<string> SendAsync(string queueName, string text, CancellationToken cancellationToken)
    {
        var queue = service.GetQueueClient(queueName);
        await EnsureCreatedAsync(queue, cancellationToken);
        var receipt = await queue.SendMessageAsync(text, cancellationToken);
        return receipt.Value.MessageId;
    }

    private async Task EnsureCreatedAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        // One create call per queue and process; a failed attempt is forgotten so the next send tries again.
        var create = _created.GetOrAdd(queue.Name, _ => queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None));
        try
        {
            await create.WaitAsync(cancellationToken);
        }
        catch when (create.IsFaulted)
        {
            _created.TryRemove(new KeyValuePair<string, Task>(queue.Name, create));
            throw;
        }
    }
}
