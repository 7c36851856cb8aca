namespace MusicFunctions.StandIn;

/// <summary>The upstream's task status words.</summary>
internal static class UpstreamStatus
{
    public const string Pending = "PENDING";
    public const string Processing = "PROCESSING";
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";
}
