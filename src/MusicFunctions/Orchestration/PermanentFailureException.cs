namespace MusicFunctions.Orchestration;

/// <summary>
/// Thrown by an activity when trying again cannot help (a rejected request, a refused URL).
/// Activity retry policies look for this type and give up at once.
/// </summary>
public sealed class PermanentFailureException(string message, Exception? inner = null) : Exception(message, inner);
