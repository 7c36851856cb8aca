namespace MusicFunctions.Orchestration;

/// <summary>The wait before each status poll: pure arithmetic, so the orchestrator stays deterministic.</summary>
public static class PollingSchedule
{
    /// <summary>
    /// Wait before poll number <paramref name="round"/> (0-based): <c>InitialDelay</c> first, then
    /// <c>Interval × BackoffFactor^(round-1)</c>, never more than <c>MaxInterval</c>.
    /// </summary>
    public static TimeSpan DelayBeforePoll(PollingOptions options, int round)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        if (round == 0)
        {
            return options.InitialDelay;
        }

        var ticks = options.Interval.Ticks * Math.Pow(options.BackoffFactor, round - 1);
        return ticks >= options.MaxInterval.Ticks ? options.MaxInterval : TimeSpan.FromTicks((long)ticks);
    }
}
