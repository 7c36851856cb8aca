using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MusicFunctions.Http;

/// <summary>
/// Reads a JSON request body with a hard size limit and turns every way it can be wrong into
/// a problem response that says what is wrong.
/// </summary>
public static class RequestBodyReader
{
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Returns the parsed body, or a problem result (400, 413 or 415) explaining why not.</summary>
    public static async Task<(T? Body, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is { } contentType && !IsJson(contentType))
        {
            return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send the request as application/json; got '{contentType}'."));
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        // Read at most one byte past the limit, so a chunked body without Content-Length is capped too.
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return (null, TooLarge());
            }
        }

        if (buffer.Length == 0)
        {
            return (null, Problems.Create(StatusCodes.Status400BadRequest, "Empty body", "The request body must be a JSON object."));
        }

        try
        {
            var body = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Options);
            return body is null
                ? (null, Problems.Create(StatusCodes.Status400BadRequest, "Invalid JSON", "The request body must be a JSON object, not null."))
                : (body, null);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" at '{ex.Path.TrimStart('$', '.')}'";
            return (null, Problems.Create(StatusCodes.Status400BadRequest, "Invalid JSON",
                $"The request body is not valid JSON for a music request{where} (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1})."));
        }
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static IResult TooLarge() => Problems.Create(StatusCodes.Status413PayloadTooLarge, "Request body too large",
        $"The request body must be at most {MaxBodyBytes / 1024} KiB.");
}
