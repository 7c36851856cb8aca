using MusicFunctions.Orchestration;

namespace MusicFunctions.Tests.Orchestration;

public class PollingScheduleTests
{
    private static readonly PollingOptions Options = new()
    {
        InitialDelay = TimeSpan.FromSeconds(30),
        Interval = TimeSpan.FromSeconds(4),
        BackoffFactor = 2,
        MaxInterval = TimeSpan.FromSeconds(20),
    };

    private static readonly PollingOptions Adaptive = new()
    {
        Mode = PollingMode.Adaptive,
        InitialDelay = TimeSpan.FromSeconds(30),
        Interval = TimeSpan.FromSeconds(4),
        BackoffFactor = 2,
        MaxInterval = TimeSpan.FromSeconds(60),
        AdaptiveMargin = TimeSpan.FromSeconds(1),
    };

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 4)]
    [InlineData(2, 8)]
    [InlineData(3, 16)]
    [InlineData(4, 20)]
    [InlineData(50, 20)]
    public void DelayBeforePoll_Round_FollowsInitialThenBackoffUpToMax(int round, int expectedSeconds) =>
        PollingSchedule.DelayBeforePoll(Options, round).Should().Be(TimeSpan.FromSeconds(expectedSeconds));

    [Fact]
    public void DelayBeforePoll_FactorOne_IsAFixedInterval()
    {
        var fixedOptions = new PollingOptions { InitialDelay = TimeSpan.Zero, Interval = TimeSpan.FromSeconds(10), BackoffFactor = 1, MaxInterval = TimeSpan.FromSeconds(60) };

        Enumerable.Range(1, 20).Select(round => PollingSchedule.DelayBeforePoll(fixedOptions, round))
            .Should().AllBeEquivalentTo(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void DelayBeforePoll_NegativeRound_Throws() =>
        FluentActions.Invoking(() => PollingSchedule.DelayBeforePoll(Options, -1)).Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void PollingOptions_Defaults_AreBackoffWithAOneSecondMargin()
    {
        var options = new PollingOptions();

        options.Mode.Should().Be(PollingMode.Backoff);
        options.AdaptiveMargin.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(1, 40, 50)]
    [InlineData(3, 90, 99)]
    [InlineData(50, 600, 10)]
    public void DelayBeforePollWithProgress_BackoffMode_IgnoresProgress(int round, int sinceSubmitSeconds, int? progress) =>
        PollingSchedule.DelayBeforePoll(Options, round, TimeSpan.FromSeconds(sinceSubmitSeconds), progress)
            .Should().Be(PollingSchedule.DelayBeforePoll(Options, round));

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(99)]
    public void DelayBeforePollWithProgress_AdaptiveFirstRound_WaitsInitialDelay(int progress) =>
        PollingSchedule.DelayBeforePoll(Adaptive, 0, TimeSpan.Zero, progress).Should().Be(TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-5)]
    public void DelayBeforePollWithProgress_AdaptiveWithoutProgress_FallsBackToBackoff(int? progress)
    {
        // Arrange
        var sinceSubmit = TimeSpan.FromSeconds(45);

        // Act
        var waits = Enumerable.Range(1, 5).Select(round => PollingSchedule.DelayBeforePoll(Adaptive, round, sinceSubmit, progress));

        // Assert
        waits.Should().Equal(Enumerable.Range(1, 5).Select(round => PollingSchedule.DelayBeforePoll(Adaptive, round)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void DelayBeforePollWithProgress_AdaptiveWithNoElapsedTime_FallsBackToBackoff(int sinceSubmitSeconds) =>
        PollingSchedule.DelayBeforePoll(Adaptive, 2, TimeSpan.FromSeconds(sinceSubmitSeconds), 50)
            .Should().Be(PollingSchedule.DelayBeforePoll(Adaptive, 2));

    [Theory]
    // 60 s for 75 %: 80 s in all, 20 s to go, plus the 1 s margin.
    [InlineData(60, 75, 21)]
    // 95 s for 95 %: 5 s to go.
    [InlineData(95, 95, 6)]
    // 30 s for 40 %: 45 s to go.
    [InlineData(30, 40, 46)]
    public void DelayBeforePollWithProgress_Adaptive_WaitsUntilThePredictedFinishPlusMargin(int sinceSubmitSeconds, int progress, int expectedSeconds) =>
        PollingSchedule.DelayBeforePoll(Adaptive, 3, TimeSpan.FromSeconds(sinceSubmitSeconds), progress)
            .Should().Be(TimeSpan.FromSeconds(expectedSeconds));

    [Theory]
    // 30 s for 5 %: 570 s + 1 s to go, in ten equal steps of at most 60 s.
    [InlineData(30, 5, 57.1)]
    // 61 s for 50 %: 61 s + 1 s to go, in two steps rather than 60 s and a 2 s sliver.
    [InlineData(61, 50, 31)]
    public void DelayBeforePollWithProgress_AdaptiveFarFromTheFinish_TakesEqualStepsNoLongerThanMaxInterval(
        int sinceSubmitSeconds, int progress, double expectedSeconds)
    {
        var wait = PollingSchedule.DelayBeforePoll(Adaptive, 1, TimeSpan.FromSeconds(sinceSubmitSeconds), progress);

        wait.Should().Be(TimeSpan.FromSeconds(expectedSeconds));
        wait.Should().BeLessThanOrEqualTo(Adaptive.MaxInterval);
    }

    [Fact]
    public void DelayBeforePollWithProgress_AdaptiveWithIntervalAboveMax_NeverExceedsMaxInterval()
    {
        var misconfigured = new PollingOptions
        {
            Mode = PollingMode.Adaptive, Interval = TimeSpan.FromSeconds(30), MaxInterval = TimeSpan.FromSeconds(10),
        };

        PollingSchedule.DelayBeforePoll(misconfigured, 2, TimeSpan.FromSeconds(50), 50).Should().Be(TimeSpan.FromSeconds(10));
    }

    [Theory]
    // 99 s for 99 %: 1 s to go plus 1 s margin is below the 4 s Interval.
    [InlineData(99, 99)]
    // Reported done but not terminal yet (still uploading, say): nothing left to predict.
    [InlineData(120, 100)]
    // Nonsense above 100 % is read as 100 %.
    [InlineData(120, 250)]
    public void DelayBeforePollWithProgress_AdaptiveAboutToFinish_WaitsAtLeastInterval(int sinceSubmitSeconds, int progress) =>
        PollingSchedule.DelayBeforePoll(Adaptive, 7, TimeSpan.FromSeconds(sinceSubmitSeconds), progress).Should().Be(Adaptive.Interval);

    [Theory]
    // A figure stuck at 99 %: the floor backs off 4, 8, 16, 32 s, then stays at MaxInterval.
    [InlineData(0, 4)]
    [InlineData(1, 8)]
    [InlineData(2, 16)]
    [InlineData(3, 32)]
    [InlineData(4, 60)]
    [InlineData(40, 60)]
    public void DelayBeforePollWithProgress_AdaptiveProgressStuck_FloorBacksOffPerPollWithoutChange(int pollsWithoutChange, int expectedSeconds) =>
        PollingSchedule.DelayBeforePoll(Adaptive, 7, TimeSpan.FromSeconds(99), 99, pollsWithoutChange)
            .Should().Be(TimeSpan.FromSeconds(expectedSeconds));

    [Fact]
    public void DelayBeforePollWithProgress_AdaptiveProgressStuckButFinishFarAway_KeepsThePrediction()
    {
        // 10 % after 20 s: 180 s to go, in equal steps of 60 s; a stuck figure's 8 s floor is below that.
        var wait = PollingSchedule.DelayBeforePoll(Adaptive, 3, TimeSpan.FromSeconds(20), 10, pollsWithoutChange: 1);

        wait.Should().Be(PollingSchedule.DelayBeforePoll(Adaptive, 3, TimeSpan.FromSeconds(20), 10));
    }

    [Fact]
    public void DelayBeforePollWithProgress_AdaptiveZeroMargin_AimsExactlyAtThePredictedFinish()
    {
        var options = new PollingOptions
        {
            Mode = PollingMode.Adaptive, Interval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(60), AdaptiveMargin = TimeSpan.Zero,
        };

        PollingSchedule.DelayBeforePoll(options, 2, TimeSpan.FromSeconds(50), 50).Should().Be(TimeSpan.FromSeconds(50));
    }

    [Fact]
    public void DelayBeforePollWithProgress_Adaptive_IsExactToTheTickWhateverTheScale()
    {
        // Arrange: the same ratios at a thousandth of the scale (the benchmark scales all times down).
        var scaled = new PollingOptions
        {
            Mode = PollingMode.Adaptive,
            Interval = TimeSpan.FromMilliseconds(4),
            MaxInterval = TimeSpan.FromMilliseconds(60),
            AdaptiveMargin = TimeSpan.FromMilliseconds(1),
        };

        // Act
        var wait = PollingSchedule.DelayBeforePoll(scaled, 3, TimeSpan.FromMilliseconds(60), 75);

        // Assert
        wait.Should().Be(TimeSpan.FromMilliseconds(21));
    }

    [Fact]
    public void DelayBeforePollWithProgress_SameInputs_SameWait()
    {
        var sinceSubmit = TimeSpan.FromTicks(1_234_567_891);

        var first = PollingSchedule.DelayBeforePoll(Adaptive, 4, sinceSubmit, 37);
        var second = PollingSchedule.DelayBeforePoll(Adaptive, 4, sinceSubmit, 37);

        first.Should().Be(second, "an orchestrator replays the same decision");
    }

    [Fact]
    public void DelayBeforePollWithProgress_NegativeRound_Throws() =>
        FluentActions.Invoking(() => PollingSchedule.DelayBeforePoll(Adaptive, -1, TimeSpan.FromSeconds(1), 10))
            .Should().Throw<ArgumentOutOfRangeException>();

    [Theory]
    [InlineData(60)]
    [InlineData(97)]
    [InlineData(120)]
    [InlineData(151)]
    [InlineData(180)]
    public void DelayBeforePollWithProgress_AdaptiveOnALinearTask_PollsLessThanAFixedTenSecondLoopAndNoticesSooner(int taskSeconds)
    {
        // Arrange: the production defaults, and a task whose whole-percent progress grows with time, as the stand-in's does.
        var adaptive = new PollingOptions { Mode = PollingMode.Adaptive };
        var fixedLoop = new PollingOptions
        {
            InitialDelay = TimeSpan.FromSeconds(10), Interval = TimeSpan.FromSeconds(10), BackoffFactor = 1, MaxInterval = TimeSpan.FromSeconds(10),
        };
        var duration = TimeSpan.FromSeconds(taskSeconds);

        // Act
        var (adaptivePolls, adaptiveLag) = PollUntilDone(adaptive, duration);
        var (fixedPolls, fixedLag) = PollUntilDone(fixedLoop, duration);

        // Assert
        adaptivePolls.Should().BeLessThan(fixedPolls);
        adaptiveLag.Should().BeLessThanOrEqualTo(adaptive.AdaptiveMargin + TimeSpan.FromSeconds(taskSeconds * 0.02),
            "whole-percent progress puts the prediction at most a percent or two late, and the margin is added on purpose");
        adaptiveLag.Should().BeLessThan(TimeSpan.FromSeconds(5));
        fixedLag.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    /// <summary>Plays the schedule against a task that ends after <paramref name="duration"/>; returns the polls made and how late the last one was.</summary>
    private static (int Polls, TimeSpan Lag) PollUntilDone(PollingOptions options, TimeSpan duration)
    {
        var now = TimeSpan.Zero;
        int? progress = 0;
        for (var round = 0; ; round++)
        {
            now += PollingSchedule.DelayBeforePoll(options, round, now, progress);
            if (now >= duration)
            {
                return (round + 1, now - duration);
            }
            progress = (int)(now.Ticks * 100 / duration.Ticks);
        }
    }
}
