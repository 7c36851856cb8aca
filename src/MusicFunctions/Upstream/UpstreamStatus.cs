namespace MusicFunctions.Upstream;

/// <summary>The task statuses the upstream documents, plus Unknown for words it may add later.</summary>
public enum UpstreamStatus
{
    Unknown = 0,
    Pending,
    Processing,
    Success,
    Failed,
}
