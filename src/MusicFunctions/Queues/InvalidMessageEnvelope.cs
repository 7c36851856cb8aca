using System.Text;
using System.Text.Json;
using MusicFunctions.Http;

namespace MusicFunctions.Queues;

/// <summary>
/// What goes to the invalid-requests queue for a message that cannot become a generation: the original
/// body and why. Snake_case on the wire, like every other message the app writes.
/// </summary>
public sealed record InvalidMessageEnvelope
{
    /// <summary>Largest envelope in UTF-8 bytes: a queue message holds 64 KiB, and base64 makes 48 KiB of that.</summary>
    public const int MaxMessageBytes = 48 * 1024;

    /// <summary>Most error entries kept when the errors alone would not fit.</summary>
    public const int MaxErrorFields = 50;

    /// <summary><c>malformed_json</c>, <c>validation_failed</c> or <c>request_id_conflict</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>Problems by field, as the HTTP API's 400 names them.</summary>
    public required IReadOnlyDictionary<string, string[]> Errors { get; init; }
    public required string OriginalBody { get; init; }

    /// <summary>True when <see cref="OriginalBody"/> (or the errors) had to be cut so the envelope fits a queue message.</summary>
    public bool OriginalBodyTruncated { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string MessageId { get; init; }
    public long DequeueCount { get; init; }

    public static InvalidMessageEnvelope Create(
        string reason, IReadOnlyDictionary<string, string[]> errors, string body, DateTimeOffset receivedAt, string messageId, long dequeueCount) => new()
    {
        Reason = reason,
        Errors = errors,
        OriginalBody = body,
        ReceivedAt = receivedAt,
        MessageId = messageId,
        DequeueCount = dequeueCount,
    };

    /// <summary>The envelope as JSON of at most <see cref="MaxMessageBytes"/>, cutting the original body (then the errors) when needed.</summary>
    public string ToJson()
    {
        var envelope = this;
        var json = JsonSerializer.Serialize(envelope, ApiJson.Options);
        var keep = OriginalBody.Length;
        while (Encoding.UTF8.GetByteCount(json) > MaxMessageBytes && keep > 0)
        {
            // Escaping can make a character up to six bytes: shrink by the overshoot's share, at least by half a step.
            keep = Math.Min(keep / 2 + keep / 4, (int)((long)keep * MaxMessageBytes / Encoding.UTF8.GetByteCount(json)));
            if (keep > 0 && char.IsHighSurrogate(OriginalBody[keep - 1]))
            {
                keep--;
            }
            envelope = envelope with { OriginalBody = OriginalBody[..keep], OriginalBodyTruncated = true };
            json = JsonSerializer.Serialize(envelope, ApiJson.Options);
        }
        if (Encoding.UTF8.GetByteCount(json) > MaxMessageBytes)
        {
            // 50 entries of at most 160 characters fit even when every character is escaped to six bytes.
            var kept = Errors.Take(MaxErrorFields).ToDictionary(e => Cut(e.Key, 60), e => e.Value.Take(1).Select(m => Cut(m, 100)).ToArray());
            json = JsonSerializer.Serialize(envelope with { Errors = kept, OriginalBodyTruncated = true }, ApiJson.Options);
        }
        return json;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
