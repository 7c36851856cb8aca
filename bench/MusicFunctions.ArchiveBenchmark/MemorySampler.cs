namespace MusicFunctions.ArchiveBenchmark;

/// <summary>
/// Samples this process's working set and managed heap on a dedicated thread every few
/// milliseconds and keeps the highest values, so short peaks between GCs are seen.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    public MemorySampler(TimeSpan interval)
    {
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                Sample();
                Thread.Sleep(interval);
            }
        })
        { IsBackground = true, Name = "memory sampler", Priority = ThreadPriority.AboveNormal };
        Sample();
        _thread.Start();
    }

    public long PeakWorkingSet { get; private set; }

    public long PeakManagedHeap { get; private set; }

    public void Sample()
    {
        var workingSet = Environment.WorkingSet;
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        lock (_thread)
        {
            PeakWorkingSet = Math.Max(PeakWorkingSet, workingSet);
            PeakManagedHeap = Math.Max(PeakManagedHeap, heap);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        Sample();
    }
}
