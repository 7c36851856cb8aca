namespace MusicFunctions.ArchiveBenchmark;

/// <summary>For a variant that holds nothing to clean up.</summary>
public sealed class NothingToDispose : IDisposable
{
    public void Dispose()
    {
    }
}
