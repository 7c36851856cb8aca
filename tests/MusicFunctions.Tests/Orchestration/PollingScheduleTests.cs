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
}
