using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MusicFunctions.IntegrationTests.Http;

/// <summary>
/// Builds an ASP.NET Core request for a function method and executes the result it returns,
/// the way the Functions host's ASP.NET Core integration does.
/// </summary>
public sealed class HttpCall
{
    private static readonly IServiceProvider ResultServices = new ServiceCollection().AddLogging().AddOptions().BuildServiceProvider();

    public HttpCall(string method, string path, string? body = null, string? contentType = "application/json")
    {
        Context = new DefaultHttpContext { RequestServices = ResultServices };
        Context.Request.Method = method;
        Context.Request.Scheme = "http";
        Context.Request.Host = new HostString("localhost", 7071);
        Context.Request.Path = path;
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            Context.Request.Body = new MemoryStream(bytes);
            Context.Request.ContentLength = bytes.Length;
            Context.Request.ContentType = contentType;
        }
        Context.Response.Body = new MemoryStream();
    }

    public DefaultHttpContext Context { get; }
    public HttpRequest Request => Context.Request;

    public async Task<HttpAnswer> ExecuteAsync(IResult result)
    {
        await result.ExecuteAsync(Context);
        Context.Response.Body.Position = 0;
        var text = await new StreamReader(Context.Response.Body).ReadToEndAsync();
        return new HttpAnswer(Context.Response.StatusCode, Context.Response.ContentType, Context.Response.Headers, text);
    }
}

public sealed record HttpAnswer(int Status, string? ContentType, IHeaderDictionary Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
