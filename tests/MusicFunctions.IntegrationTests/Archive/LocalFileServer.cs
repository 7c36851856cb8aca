using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MusicFunctions.IntegrationTests.Archive;

/// <summary>
/// A tiny file server for archive tests that the stand-in does not cover (odd content, redirects,
/// lying sizes): each path answers with a handler the test supplies. Listens on loopback only and
/// counts requests per path.
/// </summary>
public sealed class LocalFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RequestDelegate> _handlers;
    private readonly ConcurrentDictionary<string, int> _hits;
    private readonly Dictionary<IPAddress, Uri> _roots;

    private LocalFileServer(WebApplication app, ConcurrentDictionary<string, RequestDelegate> handlers,
        ConcurrentDictionary<string, int> hits, Dictionary<IPAddress, Uri> roots)
    {
        _app = app;
        _handlers = handlers;
        _hits = hits;
        _roots = roots;
    }

    /// <summary>The root on the first address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri RootUrl => _roots.Values.First();

    /// <summary>Starts on free ports of <paramref name="addresses"/> (default 127.0.0.1), one port each.</summary>
    public static async Task<LocalFileServer> StartAsync(params IPAddress[] addresses)
    {
        if (addresses.Length == 0)
        {
            addresses = [IPAddress.Loopback];
        }
        if (addresses.Any(address => !IPAddress.IsLoopback(address)))
        {
            throw new ArgumentException("Test servers listen on loopback addresses only.", nameof(addresses));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var address in addresses)
            {
                kestrel.Listen(address, 0);
            }
        });
        var app = builder.Build();
        var handlers = new ConcurrentDictionary<string, RequestDelegate>();
        var hits = new ConcurrentDictionary<string, int>();
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            hits.AddOrUpdate(path, 1, (_, count) => count + 1);
            if (handlers.TryGetValue(path, out var handler))
            {
                await handler(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
        await app.StartAsync();

        var roots = new Dictionary<IPAddress, Uri>();
        foreach (var url in app.Urls)
        {
            var root = new Uri(url.TrimEnd('/') + "/");
            roots[IPAddress.Parse(root.Host.Trim('[', ']'))] = root;
        }
        var ordered = addresses.ToDictionary(address => address, address => roots[address]);
        return new LocalFileServer(app, handlers, hits, ordered);
    }

    public Uri Url(string path) => new(RootUrl, path.TrimStart('/'));

    public Uri Url(IPAddress address, string path) => new(_roots[address], path.TrimStart('/'));

    public void Serve(string path, RequestDelegate handler) => _handlers[path] = handler;

    /// <summary>Serves <paramref name="body"/> with <paramref name="contentType"/> and its Content-Length.</summary>
    public void ServeBytes(string path, byte[] body, string contentType) => Serve(path, async context =>
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    });

    public void ServeRedirect(string path, string location, int status = StatusCodes.Status302Found) => Serve(path, context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    });

    public int Hits(string path) => _hits.GetValueOrDefault("/" + path.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
