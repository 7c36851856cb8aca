using MusicFunctions.StandIn;

namespace MusicFunctions.IntegrationTests.Faults;

/// <summary>
/// The fault suite's scenarios. Every fault is one a real upstream, CDN or storage account produces, and
/// each is transient, so generations are expected to complete unless a scenario says otherwise.
/// </summary>
public static class FaultScenarios
{
    public const string ContentFilter = "The prompt was rejected by the content filter";

    /// <summary>A song done about a second after submit (staggered a little), small enough to copy quickly but cut-able midway.</summary>
    public static GenerationScript QuickSong(int number) => new()
    {
        CompleteAfter = TimeSpan.FromMilliseconds(1000 + 150 * number),
        AudioBytes = 256 * 1024,
        CoverBytes = 16 * 1024,
    };

    public static readonly IReadOnlyList<FaultScenario> All =
    [
        new()
        {
            Name = "baseline",
            What = "no fault (control)",
        },
        new()
        {
            Name = "rate-limited",
            What = "429 with Retry-After: 1 on 2 submits and 6 status polls",
            Faults =
            [
                (StandInEndpoint.Submit, StandInFault.Status(429, retryAfter: TimeSpan.FromSeconds(1)), 2),
                (StandInEndpoint.Status, StandInFault.Status(429, retryAfter: TimeSpan.FromSeconds(1)), 6),
            ],
        },
        new()
        {
            Name = "unavailable-bursts",
            What = "two bursts of 3 × 503 on status polls, 2 × 503 on covers",
            Faults =
            [
                (StandInEndpoint.Status, StandInFault.Status(503), 3),
                (StandInEndpoint.Cover, StandInFault.Status(503), 2),
            ],
            During = async context =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                context.Inject(StandInEndpoint.Status, StandInFault.Status(503), 3);
            },
        },
        new()
        {
            Name = "malformed-bodies",
            What = "status answers: 2 proxy HTML 502 pages, 2 HTML pages with 200, 3 truncated JSON",
            Faults =
            [
                (StandInEndpoint.Status, StandInFault.Html(502), 2),
                (StandInEndpoint.Status, StandInFault.Status(200, body: "<html><body><h1>Service temporarily unavailable</h1></body></html>",
                    contentType: "text/html"), 2),
                (StandInEndpoint.Status, StandInFault.TruncatedJson(), 3),
            ],
        },
        new()
        {
            Name = "downloads-cut",
            What = "3 audio downloads cut after 100 KB, 1 cover after 2 KB (connection reset)",
            Faults =
            [
                (StandInEndpoint.Audio, StandInFault.CutOffAfter(100_000), 3),
                (StandInEndpoint.Cover, StandInFault.CutOffAfter(2_000), 1),
            ],
        },
        new()
        {
            Name = "cdn-403-then-ok",
            What = "the CDN answers 403 to 2 audio and 2 cover downloads, then serves them",
            Faults =
            [
                (StandInEndpoint.Audio, StandInFault.Status(403), 2),
                (StandInEndpoint.Cover, StandInFault.Status(403), 2),
            ],
        },
        new()
        {
            Name = "slow-answers",
            What = "4 status answers 1 s late, 1 past the 3 s request timeout, 2 audio downloads 1.5 s late",
            Faults =
            [
                (StandInEndpoint.Status, StandInFault.Delay(TimeSpan.FromSeconds(1)), 4),
                (StandInEndpoint.Status, StandInFault.Delay(TimeSpan.FromSeconds(4)), 1),
                (StandInEndpoint.Audio, StandInFault.Delay(TimeSpan.FromSeconds(1.5)), 2),
            ],
        },
        new()
        {
            Name = "submit-answer-lost",
            What = "the upstream takes 2 submits but the answer is lost (reset, truncated JSON)",
            Generations = 3,
            Faults =
            [
                (StandInEndpoint.Submit, StandInFault.AbortBeforeResponse(), 1),
                (StandInEndpoint.Submit, StandInFault.TruncatedJson(), 1),
            ],
            // Completing may need the lost answer, which only a second submit (and a second charge) would give.
            MayFail = true,
        },
        new()
        {
            Name = "upstream-rejects",
            What = "2 of 4 generations FAILED upstream (content filter)",
            Script = number => number % 2 == 0
                ? QuickSong(number)
                : QuickSong(number) with { Outcome = StandInOutcome.Failed, FailReason = ContentFilter },
            ExpectedFailures = 2,
            ExpectedFailureText = ContentFilter,
        },
        new()
        {
            Name = "storage-outage",
            What = "Azurite shut down for 4 s mid-run (Durable state and archive alike), then started again",
            Generations = 6,
            // Staggered so that the outage meets archiving, finished-but-unnoticed tasks and polling alike.
            Script = number => QuickSong(number) with { CompleteAfter = TimeSpan.FromMilliseconds(800 + 700 * number) },
            During = async context =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1.2));
                context.Log("shutting Azurite down");
                await context.Storage.ShutDownAsync();
                context.Log("Azurite is down");
                await Task.Delay(TimeSpan.FromSeconds(4));
                await context.Storage.RestartAsync();
                context.Log("Azurite is up again");
            },
            Deadline = TimeSpan.FromSeconds(90),
        },
    ];

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var scenario in All)
        {
            names.Add(scenario.Name);
        }
        return names;
    }
}
