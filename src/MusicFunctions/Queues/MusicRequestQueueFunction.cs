using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MusicFunctions.Http;
using MusicFunctions.Requests;

namespace MusicFunctions.Queues;

/// <summary>
/// Starts generations from the request queue (app setting <c>MusicRequestsQueue</c>): the same JSON as
/// POST /api/music/generations. The generation id is the message's request_id, else <c>q-{message id}</c>,
/// so a redelivered message finds its generation and is acknowledged without a second start. A message
/// that is not a valid request goes to the invalid-requests queue and the trigger completes normally;
/// only failures a retry can fix (storage or Durable unavailable) throw, and the host retries those.
/// </summary>
public sealed class MusicRequestQueueFunction(
    MusicRequestValidator validator,
    GenerationStarter starter,
    InvalidMessageForwarder invalid,
    TimeProvider time,
    ILogger<MusicRequestQueueFunction> logger)
{
    public const string Name = "StartGenerationFromQueue";

    /// <summary>Prefix of generation ids taken from a message id.</summary>
    public const string MessageIdPrefix = "q-";

    [Function(Name)]
    public async Task RunAsync(
        [QueueTrigger("%" + RequestQueueOptions.TriggerQueueSetting + "%")] QueueMessage message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        var body = message.Body?.ToString() ?? "";
        InvalidMessageEnvelope Invalid(string reason, IReadOnlyDictionary<string, string[]> errors) =>
            InvalidMessageEnvelope.Create(reason, errors, body, receivedAt, message.MessageId, message.DequeueCount);

        MusicRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<MusicRequest>(body, ApiJson.Options);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
            await invalid.ForwardAsync(Invalid("malformed_json", new Dictionary<string, string[]>
            {
                [where] = [$"The message is not valid JSON for a music request (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1})."],
            }), cancellationToken);
            return;
        }
        if (request is null)
        {
            await invalid.ForwardAsync(Invalid("malformed_json", new Dictionary<string, string[]>
            {
                ["$"] = ["The message must be a JSON object, not null."],
            }), cancellationToken);
            return;
        }

        var errors = validator.Validate(request);
        if (errors.Count > 0)
        {
            await invalid.ForwardAsync(Invalid("validation_failed", errors), cancellationToken);
            return;
        }

        var instanceId = request.RequestId ?? MessageIdPrefix + message.MessageId;
        var start = await starter.StartAsync(client, request, instanceId, cancellationToken);
        if (start.IsConflict)
        {
            await invalid.ForwardAsync(Invalid("request_id_conflict", new Dictionary<string, string[]>
            {
                ["request_id"] = [$"request_id '{instanceId}' belongs to an earlier, different request; no generation was started."],
            }), cancellationToken);
            return;
        }
        if (start.Started)
        {
            logger.LogInformation("Started generation {GenerationId} from message {MessageId}", instanceId, message.MessageId);
        }
        else
        {
            logger.LogInformation("Message {MessageId} (delivery {DequeueCount}) belongs to generation {GenerationId}, which exists ({Status}); acknowledged",
                message.MessageId, message.DequeueCount, instanceId, start.Existing!.RuntimeStatus);
        }
    }
}
