using MusicFunctions.Orchestration;
using MusicFunctions.Requests;
using MusicFunctions.Upstream;

namespace MusicFunctions.Tests.Orchestration;

/// <summary>The orchestrator's timers in Adaptive mode: each wait follows the last progress the upstream reported.</summary>
public class AdaptivePollingTests
{
    private static readonly PollingOptions Polling = new()
    {
        Mode = PollingMode.Adaptive,
        InitialDelay = TimeSpan.FromSeconds(30),
        Interval = TimeSpan.FromSeconds(5),
        BackoffFactor = 1.25,
        MaxInterval = TimeSpan.FromSeconds(20),
        AdaptiveMargin = TimeSpan.FromSeconds(1),
        Timeout = TimeSpan.FromMinutes(15),
    };

    private static readonly GenerationInput Input = new() { Request = new MusicRequest { Prompt = "spring song" }, Polling = Polling };

    [Fact]
    public async Task RunAsync_AdaptiveMode_AimsEachPollAtThePredictedFinish()
    {
        // Arrange: a task reporting 30 %, 50 %, 70 % and 90 %, then done.
        var fake = new OrchestrationContextFake()
            .ThenPoll(UpstreamStatus.Processing, 30)
            .ThenPoll(UpstreamStatus.Processing, 50)
            .ThenPoll(UpstreamStatus.Processing, 70)
            .ThenPoll(UpstreamStatus.Processing, 90)
            .ThenPoll(UpstreamStatus.Success, 100, tracks: 2);

        // Act
        await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        // Assert: 30 s; 70 s + 1 s to go in four equal steps (17.75 s); from 47.75 s at 50 %, 47.75 s + 1 s
        // in three steps (16.25 s); from 64 s at 70 %, 27.43 s + 1 s in two steps; from 78.21 s at 90 %, 8.69 s + 1 s.
        var start = OrchestrationContextFake.Start;
        var offsets = fake.Timers.Select(t => (t - start).TotalSeconds).ToArray();
        offsets[0].Should().Be(30);
        offsets[1].Should().BeApproximately(47.75, 0.001);
        offsets[2].Should().BeApproximately(64, 0.001);
        offsets[3].Should().BeApproximately(78.21, 0.01);
        offsets[4].Should().BeApproximately(87.90, 0.01);
        fake.Timers.Should().HaveCount(5, "one timer per poll, and the fifth poll saw SUCCESS");
    }

    [Fact]
    public async Task RunAsync_AdaptiveModeWithoutProgress_WaitsLikeBackoff()
    {
        var fake = new OrchestrationContextFake()
            .ThenPoll(UpstreamStatus.Pending).ThenPoll(UpstreamStatus.Pending).ThenPoll(UpstreamStatus.Success, tracks: 2);

        await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        var start = OrchestrationContextFake.Start;
        fake.Timers.Should().Equal(start.AddSeconds(30), start.AddSeconds(35), start.AddSeconds(41.25));
    }

    [Fact]
    public async Task RunAsync_AdaptiveModeWithProgressStuck_BacksOffUntilTheFigureMoves()
    {
        // Arrange: 99 % four times (the prediction is always "under a second"), then 100 % and done.
        var fake = new OrchestrationContextFake()
            .ThenPoll(UpstreamStatus.Processing, 99)
            .ThenPoll(UpstreamStatus.Processing, 99)
            .ThenPoll(UpstreamStatus.Processing, 99)
            .ThenPoll(UpstreamStatus.Processing, 99)
            .ThenPoll(UpstreamStatus.Processing, 100)
            .ThenPoll(UpstreamStatus.Success, 100, tracks: 2);

        // Act
        await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        // Assert: waits of 5 s (Interval), then 6.25 s, 7.81 s, 9.77 s while stuck (x1.25 per unchanged poll),
        // and back to 5 s once the figure moved to 100 %.
        var waits = fake.Timers.Zip(fake.Timers.Skip(1), (earlier, later) => (later - earlier).TotalSeconds).ToArray();
        waits.Should().HaveCount(5);
        waits[0].Should().BeApproximately(5, 0.001);
        waits[1].Should().BeApproximately(6.25, 0.001);
        waits[2].Should().BeApproximately(7.8125, 0.001);
        waits[3].Should().BeApproximately(9.765625, 0.001);
        waits[4].Should().BeApproximately(5, 0.001);
    }
}
