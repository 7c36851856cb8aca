namespace MusicFunctions.Http;

/// <summary>A page of GET /api/music/generations: newest first, and how to ask for the next page.</summary>
public sealed record GenerationPage
{
    public required IReadOnlyList<GenerationSummary> Generations { get; init; }

    /// <summary>Pass as <c>?continuation=</c> for the next page; absent on the last page.</summary>
    public string? Continuation { get; init; }

    /// <summary>The next page's URL, with the same filter and page size; absent on the last page.</summary>
    public string? Next { get; init; }
}
