using Microsoft.DurableTask.Client;

namespace MusicFunctions.Http;

/// <summary>Parses the list's <c>?status=</c>: runtime statuses, comma-separated, any case.</summary>
public static class StatusFilter
{
    private static readonly Dictionary<string, OrchestrationRuntimeStatus> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pending"] = OrchestrationRuntimeStatus.Pending,
        ["running"] = OrchestrationRuntimeStatus.Running,
        ["suspended"] = OrchestrationRuntimeStatus.Suspended,
        ["completed"] = OrchestrationRuntimeStatus.Completed,
        ["failed"] = OrchestrationRuntimeStatus.Failed,
        ["terminated"] = OrchestrationRuntimeStatus.Terminated,
    };

    public static IReadOnlyCollection<string> AllowedWords => Words.Keys;

    /// <summary>The statuses named, null for no filter; <paramref name="unknown"/> lists words that are not statuses.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus>? Parse(string? value, out IReadOnlyList<string> unknown)
    {
        unknown = [];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var words = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        unknown = words.Where(word => !Words.ContainsKey(word)).ToArray();
        return words.Where(Words.ContainsKey).Select(word => Words[word]).Distinct().ToArray();
    }
}
