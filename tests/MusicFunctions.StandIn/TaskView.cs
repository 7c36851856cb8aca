namespace MusicFunctions.StandIn;

/// <summary>A task as one answer shows it.</summary>
internal sealed record TaskView(string Status, int Progress, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    /// <summary>What the submit answer shows.</summary>
    public static readonly TaskView JustSubmitted = new(UpstreamStatus.Pending, 0, null, null);

    public bool IsTerminal => Status is UpstreamStatus.Success or UpstreamStatus.Failed;
}
