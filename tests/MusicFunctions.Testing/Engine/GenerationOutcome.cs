using MusicFunctions.Orchestration;

namespace MusicFunctions.Testing.Engine;

/// <summary>How one generation ended, as the engine recorded it.</summary>
/// <param name="Status">Completed, Failed, Terminated; or Running/Pending/Missing when it had not ended.</param>
/// <param name="FailureMessage">The orchestration's error message when it failed.</param>
public sealed record GenerationOutcome(
    string InstanceId,
    string Status,
    GenerationResult? Result,
    string? FailureMessage,
    DateTime CreatedAt,
    DateTime? CompletedAt)
{
    public bool IsCompleted => Status == "Completed";
    public bool IsFailed => Status == "Failed";
    public bool HasEnded => Status is "Completed" or "Failed" or "Terminated" or "Canceled";
}
