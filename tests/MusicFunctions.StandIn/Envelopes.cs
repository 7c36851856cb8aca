using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace MusicFunctions.StandIn;

/// <summary>The upstream's answer envelope: <c>{"code","message","data"}</c>, as UTF-8 bytes.</summary>
internal static class Envelopes
{
    public static byte[] Success(JsonNode data) => Serialize("success", "", data);

    public static byte[] Error(string code, string message) => Serialize(code, message, null);

    public static byte[] InvalidApiKey() => Error("invalid_api_key", "Invalid token");

    public static byte[] InvalidRequest(string message) => Error("invalid_request", message);

    public static byte[] TaskNotFound() => Error("task_not_exist", "task_not_exist");

    /// <summary>A plausible error envelope for an injected status code.</summary>
    public static byte[] ForStatusCode(int statusCode)
    {
        var code = statusCode switch
        {
            401 => "invalid_api_key",
            403 => "forbidden",
            429 => "rate_limit_exceeded",
            503 => "service_unavailable",
            >= 500 => "internal_error",
            _ => "error",
        };
        return Error(code, ReasonPhrases.GetReasonPhrase(statusCode));
    }

    private static byte[] Serialize(string code, string message, JsonNode? data) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["code"] = code, ["message"] = message, ["data"] = data });
}
