using System.Text.Json;
using System.Text.Json.Serialization;
using MusicFunctions.Http;

namespace MusicFunctions.Events;

/// <summary>
/// The wire form of result events: the HTTP API's snake_case, with null fields written out so every
/// event has the same keys. The queue message and the webhook body are the same bytes.
/// </summary>
public static class ResultEventJson
{
    public static JsonSerializerOptions Options { get; } = new(ApiJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static byte[] Serialize(ResultEvent resultEvent) => JsonSerializer.SerializeToUtf8Bytes(resultEvent, Options);
}
