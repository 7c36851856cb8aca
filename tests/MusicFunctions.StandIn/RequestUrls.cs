namespace MusicFunctions.StandIn;

/// <summary>URLs as the client sees them, so handed-out links work whatever address it used.</summary>
internal static class RequestUrls
{
    /// <summary>The server root, ending in '/'.</summary>
    public static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/";
}
