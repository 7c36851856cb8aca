namespace MusicFunctions.ArchiveBenchmark;

/// <summary>A variant ready to copy: the copy itself (source, run number) and what to dispose afterwards.</summary>
public sealed class VariantSetup(Func<Uri, int, Task> copy, IDisposable resources) : IAsyncDisposable
{
    public Func<Uri, int, Task> Copy { get; } = copy;

    public ValueTask DisposeAsync()
    {
        if (resources is IAsyncDisposable asyncDisposable)
        {
            return asyncDisposable.DisposeAsync();
        }
        resources.Dispose();
        return ValueTask.CompletedTask;
    }
}
