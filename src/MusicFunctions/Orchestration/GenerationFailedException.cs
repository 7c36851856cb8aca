namespace MusicFunctions.Orchestration;

/// <summary>Ends a generation as Failed; its message is what the caller sees.</summary>
public sealed class GenerationFailedException(string message) : Exception(message);
