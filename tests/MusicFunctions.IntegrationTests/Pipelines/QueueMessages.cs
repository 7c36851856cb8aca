using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;

namespace MusicFunctions.IntegrationTests.Pipelines;

/// <summary>
/// Reads the app's queues on Azurite the way a next pipeline stage would (base64 messages, JSON bodies).
/// Every message taken off a queue is kept here, so a test never loses another test's message.
/// </summary>
public static class QueueMessages
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<JsonElement>> Seen = new();

    /// <summary>Waits for the first message on <paramref name="queue"/> that <paramref name="match"/> accepts.</summary>
    public static async Task<JsonElement> WaitForAsync(string connectionString, string queue, Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = (await ReadAllAsync(connectionString, queue)).Where(match).ToArray();
            if (found.Length > 0)
            {
                return found[0];
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching message on '{queue}'; saw: {string.Join(" | ", Seen.GetValueOrDefault(queue) ?? [])}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Every message seen on <paramref name="queue"/> so far, after taking what is there now.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ReadAllAsync(string connectionString, string queue)
    {
        var seen = Seen.GetOrAdd(queue, _ => new ConcurrentQueue<JsonElement>());
        var client = new QueueClient(connectionString, queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        if (await client.ExistsAsync())
        {
            while (true)
            {
                var batch = (await client.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromMinutes(5))).Value;
                if (batch.Length == 0)
                {
                    break;
                }
                foreach (var message in batch)
                {
                    seen.Enqueue(JsonDocument.Parse(message.Body.ToString()).RootElement.Clone());
                    await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }
        }
        return seen.ToArray();
    }
}
