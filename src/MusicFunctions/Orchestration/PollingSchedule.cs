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

    /// <summary>
    /// Wait before poll number <paramref name="round"/> in the options' <see cref="PollingOptions.Mode"/>.
    /// Adaptive: the task should finish at <c>sinceSubmit × 100 / lastProgress</c> (progress grows with
    /// time), so wait until then plus <c>AdaptiveMargin</c>, within [<c>Interval</c>, <c>MaxInterval</c>];
    /// a finish further away than <c>MaxInterval</c> is reached in equal steps. While the progress figure
    /// stands still the floor backs off like the backoff schedule (<c>Interval × BackoffFactor^n</c> after
    /// n polls without a change), so a stuck figure (say 99 %) cannot mean a poll every <c>Interval</c>.
    /// The backoff schedule applies in Backoff mode, before the first poll, and while no progress
    /// above 0 is known.
    /// </summary>
    /// <param name="sinceSubmit">Orchestration time elapsed since the task was submitted.</param>
    /// <param name="lastProgress">The last progress the upstream reported, in percent; null when none.</param>
    /// <param name="pollsWithoutChange">Polls in a row, most recent last, whose progress equalled the one before.</param>
    public static TimeSpan DelayBeforePoll(PollingOptions options, int round, TimeSpan sinceSubmit, int? lastProgress, int pollsWithoutChange = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        ArgumentOutOfRangeException.ThrowIfNegative(pollsWithoutChange);
        if (options.Mode != PollingMode.Adaptive || round == 0 || lastProgress is not > 0 || sinceSubmit <= TimeSpan.Zero)
        {
            return DelayBeforePoll(options, round);
        }

        // Whole ticks, no floating point: the same inputs give the same wait on every replay and machine.
        var progress = Math.Min(lastProgress.Value, 100);
        var remaining = TimeSpan.FromTicks(sinceSubmit.Ticks / progress * (100 - progress));
        var wait = remaining + options.AdaptiveMargin;
        if (wait > options.MaxInterval && options.MaxInterval > TimeSpan.Zero)
        {
            // Too far for one wait: take equal steps, so the last lands on the predicted finish rather than
            // MaxInterval-sized steps leaving a sliver that the Interval floor would overshoot.
            var steps = (wait.Ticks + options.MaxInterval.Ticks - 1) / options.MaxInterval.Ticks;
            wait = TimeSpan.FromTicks(wait.Ticks / steps);
        }
        var floor = DelayBeforePoll(options, 1 + pollsWithoutChange);
        if (wait < floor)
        {
            wait = floor;
        }
        // MaxInterval wins over Interval, as in the backoff schedule.
        return wait > options.MaxInterval ? options.MaxInterval : wait;
    }
}
