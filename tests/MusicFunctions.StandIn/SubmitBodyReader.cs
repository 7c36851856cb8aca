using System.Text.Json;

namespace MusicFunctions.StandIn;

/// <summary>Reads and validates a submit body the way the upstream does.</summary>
internal static class SubmitBodyReader
{
    /// <returns>The request, or null with <paramref name="error"/> saying why the body is refused.</returns>
    public static async Task<(SubmittedRequest? Request, string Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, "request body must be a JSON object");
        }

        using (document)
        {
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                return (null, "request body must be a JSON object");
            }
            if (!TryReadString(body, "prompt", out var prompt)
                || !TryReadString(body, "model", out var model)
                || !TryReadString(body, "style", out var style)
                || !TryReadString(body, "title", out var title)
                || !TryReadString(body, "vocal_gender", out var vocalGender)
                || !TryReadBool(body, "custom_mode", out var customMode)
                || !TryReadBool(body, "instrumental", out var instrumental))
            {
                return (null, "a field has the wrong type");
            }
            if (string.IsNullOrWhiteSpace(prompt))
            {
                return (null, "prompt is required");
            }
            if (customMode && (string.IsNullOrWhiteSpace(style) || string.IsNullOrWhiteSpace(title)))
            {
                return (null, "style and title are required in custom mode");
            }
            return (new SubmittedRequest(prompt, model, customMode, style, title, instrumental, vocalGender), "");
        }
    }

    // Absent or null is fine (value null); any other non-string is a type error.
    private static bool TryReadString(JsonElement body, string name, out string? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        value = property.ValueKind == JsonValueKind.String ? property.GetString() : null;
        return property.ValueKind == JsonValueKind.String;
    }

    private static bool TryReadBool(JsonElement body, string name, out bool value)
    {
        value = false;
        if (!body.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        value = property.ValueKind == JsonValueKind.True;
        return property.ValueKind is JsonValueKind.True or JsonValueKind.False;
    }
}
