using System.Globalization;

namespace MusicFunctions.StandIn;

/// <summary>
/// Standalone mode: <c>dotnet run --project tests/MusicFunctions.StandIn -- [--urls URL] [--api-key KEY]
/// [--audio-bytes N] [--polls N]</c>. Point the Functions app at <c>{url}/v1</c>.
/// </summary>
internal static class Program
{
    private const string DefaultUrl = "http://127.0.0.1:5080";

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var settings = builder.Configuration;
        if (string.IsNullOrEmpty(settings["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        // Our own one-line-per-request log replaces the framework's chattier one.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var defaults = new GenerationScript();
        var options = new StandInServerOptions
        {
            ApiKey = settings["api-key"] is { Length: > 0 } apiKey ? apiKey : StandInServerOptions.DefaultApiKey,
            DefaultScript = defaults with
            {
                AudioBytes = ReadNumber(settings, "audio-bytes") ?? defaults.AudioBytes,
                PollsBeforeDone = (int?)ReadNumber(settings, "polls") ?? defaults.PollsBeforeDone,
            },
            RequestLog = line => Console.WriteLine($"{DateTimeOffset.Now:HH:mm:ss.fff} {line}"),
        };

        var app = builder.Build();
        app.MapStandIn(new StandInState(options));
        await app.StartAsync();
        foreach (var url in app.Urls)
        {
            Console.WriteLine($"Stand-in music API: {url.TrimEnd('/')}/v1 (API key '{options.ApiKey}'). Ctrl+C stops it.");
        }
        await app.WaitForShutdownAsync();
    }

    private static long? ReadNumber(IConfiguration settings, string name)
    {
        var text = settings[name];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"--{name} must be a non-negative whole number; got '{text}'.");
    }
}
