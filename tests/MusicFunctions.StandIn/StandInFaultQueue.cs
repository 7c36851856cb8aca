namespace MusicFunctions.StandIn;

/// <summary>Faults waiting for requests, one queue per endpoint; each request takes at most one.</summary>
public sealed class StandInFaultQueue
{
    private readonly object _gate = new();
    private readonly Dictionary<StandInEndpoint, Queue<StandInFault>> _pending = [];

    /// <summary>The next <paramref name="times"/> requests to <paramref name="endpoint"/> suffer <paramref name="fault"/>.</summary>
    public void Inject(StandInEndpoint endpoint, StandInFault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_gate)
        {
            if (!_pending.TryGetValue(endpoint, out var queue))
            {
                _pending[endpoint] = queue = new Queue<StandInFault>();
            }
            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(fault);
            }
        }
    }

    /// <summary>Faults not yet consumed for <paramref name="endpoint"/>.</summary>
    public int PendingCount(StandInEndpoint endpoint)
    {
        lock (_gate)
        {
            return _pending.TryGetValue(endpoint, out var queue) ? queue.Count : 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    internal StandInFault? TakeNext(StandInEndpoint endpoint)
    {
        lock (_gate)
        {
            return _pending.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
        }
    }
}
