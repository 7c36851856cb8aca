using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MusicFunctions.IntegrationTests.Pipelines;

/// <summary>
/// A webhook receiver for the tests: Kestrel on 127.0.0.1 and a free port, recording every POST (headers,
/// raw body) and answering 200, or the failures a test queued first. Each test uses its own path.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _failures;

    private WebhookReceiver(WebApplication app, ConcurrentQueue<ReceivedWebhook> received, ConcurrentDictionary<string, ConcurrentQueue<int>> failures)
    {
        _app = app;
        _received = received;
        _failures = failures;
        RootUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
    }

    public Uri RootUrl { get; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var received = new ConcurrentQueue<ReceivedWebhook>();
        var failures = new ConcurrentDictionary<string, ConcurrentQueue<int>>();
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var status = failures.TryGetValue(path, out var queued) && queued.TryDequeue(out var failure) ? failure : StatusCodes.Status200OK;
            received.Enqueue(new ReceivedWebhook(path,
                context.Request.Headers["X-MusicFunctions-Event-Id"].FirstOrDefault(),
                context.Request.Headers["X-MusicFunctions-Signature"].FirstOrDefault(),
                context.Request.ContentType, body.ToArray(), status, DateTimeOffset.UtcNow));
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        return new WebhookReceiver(app, received, failures);
    }

    /// <summary>A fresh callback URL for one test, e.g. <c>http://127.0.0.1:41234/hooks/3f2a…</c>.</summary>
    public Uri NewHook() => new(RootUrl, "hooks/" + Guid.NewGuid().ToString("N"));

    /// <summary>The next requests to <paramref name="hook"/> answer these statuses, in order; later ones 200.</summary>
    public void FailNext(Uri hook, params int[] statuses) =>
        Array.ForEach(statuses, _failures.GetOrAdd(hook.AbsolutePath, _ => new ConcurrentQueue<int>()).Enqueue);

    public IReadOnlyList<ReceivedWebhook> ReceivedAt(Uri hook) => _received.Where(r => r.Path == hook.AbsolutePath).ToArray();

    /// <summary>Waits until <paramref name="hook"/> received at least <paramref name="count"/> deliveries.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Uri hook, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (ReceivedAt(hook).Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        return ReceivedAt(hook);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
