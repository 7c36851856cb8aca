using System.Text;
using System.Text.Json;
using MusicFunctions.Queues;

namespace MusicFunctions.Tests.Queues;

public class InvalidMessageEnvelopeTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string[]> Errors = new() { ["prompt"] = ["prompt is required."] };

    [Fact]
    public void ToJson_SmallBody_KeepsItWhole()
    {
        var envelope = InvalidMessageEnvelope.Create("validation_failed", Errors, """{"prompt":""}""", ReceivedAt, "m-1", 1);

        var json = JsonDocument.Parse(envelope.ToJson()).RootElement;

        json.GetProperty("original_body").GetString().Should().Be("""{"prompt":""}""");
        json.GetProperty("original_body_truncated").GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData('a')]
    [InlineData('"')] // escaped as six bytes each
    [InlineData('€')] // three UTF-8 bytes each
    public void ToJson_LargestBodyAQueueHandsOver_IsCutToFitAQueueMessage(char fill)
    {
        // Arrange: a 64 KiB message body.
        var body = new string(fill, 64 * 1024);
        var envelope = InvalidMessageEnvelope.Create("malformed_json", Errors, body, ReceivedAt, "m-1", 1);

        // Act
        var text = envelope.ToJson();

        // Assert: base64 of the envelope fits the 64 KiB a queue message holds.
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).Length.Should().BeLessThanOrEqualTo(64 * 1024);
        var json = JsonDocument.Parse(text).RootElement;
        json.GetProperty("original_body_truncated").GetBoolean().Should().BeTrue();
        var kept = json.GetProperty("original_body").GetString()!;
        kept.Should().NotBeEmpty();
        body.Should().StartWith(kept);
    }

    [Fact]
    public void ToJson_ThousandsOfUnknownFields_StillFits()
    {
        var errors = Enumerable.Range(0, 5000).ToDictionary(i => $"field_{i}", i => new[] { $"'field_{i}' is not a field of a music request." });
        var envelope = InvalidMessageEnvelope.Create("validation_failed", errors, "{}", ReceivedAt, "m-1", 1);

        var text = envelope.ToJson();

        Encoding.UTF8.GetByteCount(text).Should().BeLessThanOrEqualTo(InvalidMessageEnvelope.MaxMessageBytes);
        JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Should().HaveCount(InvalidMessageEnvelope.MaxErrorFields);
    }

    [Fact]
    public void ToJson_UsesTheDocumentedSnakeCaseFields()
    {
        var envelope = InvalidMessageEnvelope.Create("validation_failed", Errors, "{}", ReceivedAt, "m-1", 2);

        var json = JsonDocument.Parse(envelope.ToJson()).RootElement;

        json.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "reason", "errors", "original_body", "original_body_truncated", "received_at", "message_id", "dequeue_count");
        json.GetProperty("errors").GetProperty("prompt")[0].GetString().Should().Be("prompt is required.");
        json.GetProperty("message_id").GetString().Should().Be("m-1");
    }
}
