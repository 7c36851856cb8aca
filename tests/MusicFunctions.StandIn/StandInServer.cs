using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MusicFunctions.StandIn;

/// <summary>
/// The stand-in music API running in-process on a free loopback port, over real HTTP.
/// Script generations, inject faults and read what clients did through this object.
/// </summary>
public sealed class StandInServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StandInState _state;

    private StandInServer(WebApplication app, StandInState state, Uri rootUrl)
    {
        _app = app;
        _state = state;
        RootUrl = rootUrl;
        BaseUrl = new Uri(rootUrl, "v1/");
    }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri RootUrl { get; }

    /// <summary>The API base to configure clients with, e.g. <c>http://127.0.0.1:41234/v1/</c>.</summary>
    public Uri BaseUrl { get; }

    public string ApiKey => _state.Options.ApiKey;

    public StandInFaultQueue Faults => _state.Faults;

    /// <summary>Submits answered so far, whatever the answer (faulted, refused or accepted).</summary>
    public int SubmitCount => _state.SubmitCount;

    /// <summary>Status requests answered so far, whatever the answer.</summary>
    public int StatusCount => _state.StatusCount;

    /// <summary>File requests (audio, cover, stream) answered so far.</summary>
    public int FileRequestCount => _state.FileRequestCount;

    /// <summary>The tasks created so far, in submit order.</summary>
    public IReadOnlyList<StandInTaskRecord> Tasks => _state.TaskSnapshots();

    public IReadOnlyList<StandInRequestRecord> Requests => _state.RequestSnapshots();

    public static async Task<StandInServer> StartAsync(StandInServerOptions? options = null)
    {
        var state = new StandInState(options ?? new StandInServerOptions());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(StandInServer).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        // Don't let a test's teardown wait long for a client that never finished a download.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        app.MapStandIn(state);
        try
        {
            await app.StartAsync();
            return new StandInServer(app, state, new Uri(app.Urls.Single() + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The next submit gets <paramref name="script"/>; queued scripts are used in order, before the resolver.</summary>
    public void Enqueue(GenerationScript script) => _state.Enqueue(script);

    /// <summary>
    /// Picks the script of submits the queue does not cover (e.g. by a unique prompt). Returning null
    /// falls back to the default script. Replaces any earlier resolver.
    /// </summary>
    public void ScriptFor(Func<SubmittedRequest, GenerationScript?> resolver) => _state.ScriptFor(resolver);

    /// <summary>The next <paramref name="times"/> requests to <paramref name="endpoint"/> suffer <paramref name="fault"/>.</summary>
    public void InjectFault(StandInEndpoint endpoint, StandInFault fault, int times = 1) => _state.Faults.Inject(endpoint, fault, times);

    /// <summary>Status requests that named <paramref name="taskId"/>, whatever the answer.</summary>
    public int StatusCountFor(string taskId) => _state.StatusCountFor(taskId);

    public StandInTaskRecord? FindTask(string taskId) => _state.FindTask(taskId)?.Snapshot(_state.Now);

    /// <summary>
    /// Submits a generation over HTTP, as a client does, and returns its task, whose files are served from
    /// then on (<see cref="FileUrl"/>). Script it first (<see cref="Enqueue"/> or <see cref="ScriptFor"/>).
    /// </summary>
    public async Task<StandInTaskRecord> SubmitAsync(string prompt)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, "music/generations"))
        {
            Content = JsonContent.Create(new { prompt }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var taskId = body.RootElement.GetProperty("data").GetProperty("task_id").GetString()!;
        return FindTask(taskId)!;
    }

    /// <summary>The absolute URL the stand-in serves a file at.</summary>
    public Uri FileUrl(string taskId, string trackId, StandInFileKind kind) =>
        new(RootUrl.AbsoluteUri + StandInFiles.RelativeUrl(taskId, trackId, kind));

    /// <summary>Forgets scripts, the resolver, faults, tasks, counters and records.</summary>
    public void Reset() => _state.Reset();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
