namespace MusicFunctions.StandIn;

/// <summary>The API endpoints' bearer-token check.</summary>
internal static class ApiKeyCheck
{
    private const string BearerPrefix = "Bearer ";

    public static bool IsAuthorized(HttpRequest request, string apiKey)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            && header[BearerPrefix.Length..].Trim() == apiKey;
    }
}
