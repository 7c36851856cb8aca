using System.Diagnostics;

namespace MusicFunctions.StandIn;

/// <summary>
/// Holds a response body to a fixed rate, like a link of that bandwidth: before each chunk it waits
/// until the bytes sent so far, that chunk included, are due at the rate. Delays are real time.
/// </summary>
internal sealed class TransferPacer
{
    // A reader that stalled (back-pressure) may catch up on this much lost time only, in one burst: a link's
    // bandwidth is a ceiling, not an average to be made up later. It also absorbs the timer's overshoot.
    private static readonly TimeSpan MaxCatchUp = TimeSpan.FromMilliseconds(20);

    private readonly double _bytesPerSecond;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>When the bytes let through so far are due, on <see cref="_clock"/>.</summary>
    private TimeSpan _due;

    public TransferPacer(long bytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        _bytesPerSecond = bytesPerSecond;
    }

    public async Task WaitToSendAsync(int bytes, CancellationToken cancellationToken)
    {
        var now = _clock.Elapsed;
        var earliest = now - MaxCatchUp;
        if (_due < earliest)
        {
            _due = earliest;
        }
        _due += TimeSpan.FromSeconds(bytes / _bytesPerSecond);
        var wait = _due - now;
        if (wait > TimeSpan.Zero)
        {
            // Whole milliseconds, rounded up (the timer's resolution): the bytes never run ahead of the rate.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), cancellationToken);
        }
    }
}
