using System.Diagnostics;

namespace MusicFunctions.Benchmark;

/// <summary>Samples this process's working set and managed heap while a variant runs, keeping the peaks.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public MemorySampler(TimeSpan interval)
    {
        _sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                PeakWorkingSetBytes = Math.Max(PeakWorkingSetBytes, process.WorkingSet64);
                PeakManagedHeapBytes = Math.Max(PeakManagedHeapBytes, GC.GetTotalMemory(forceFullCollection: false));
                try
                {
                    await Task.Delay(interval, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public long PeakWorkingSetBytes { get; private set; }

    public long PeakManagedHeapBytes { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
