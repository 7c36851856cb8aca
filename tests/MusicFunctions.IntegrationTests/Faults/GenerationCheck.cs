using MusicFunctions.Testing.Engine;
using MusicFunctions.Testing.Verification;

namespace MusicFunctions.IntegrationTests.Faults;

/// <summary>What the suite found about one generation.</summary>
public sealed record GenerationCheck(
    string Prompt,
    GenerationOutcome Outcome,
    int UpstreamTasks,
    IReadOnlyList<BlobVerdict> Blobs,
    IReadOnlyList<string> ResultProblems)
{
    private static readonly string[] UnclearMarkers =
        ["   at ", "Exception:", "Object reference", "Non-Deterministic", "Value cannot be null", "Unhandled"];

    public bool IsLost => !Outcome.HasEnded;

    /// <summary>Failed, saying why in words a person can act on: no stack trace, no bare exception type.</summary>
    public bool FailedWithClearReason => Outcome.IsFailed && IsClear(Outcome.FailureMessage);

    public bool FailedUnclearly => Outcome is { IsFailed: true } && !IsClear(Outcome.FailureMessage) || Outcome.Status is "Terminated" or "Canceled";

    public static bool IsClear(string? reason) =>
        !string.IsNullOrWhiteSpace(reason) && reason.Length < 2000 && !UnclearMarkers.Any(marker => reason.Contains(marker, StringComparison.Ordinal));
}
