namespace MusicFunctions.Queues;

/// <summary>The storage queue naming rule, for validating configured queue names at start-up.</summary>
public static class QueueNames
{
    /// <summary>3-63 characters: lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    public const string Pattern = "^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$";
}
