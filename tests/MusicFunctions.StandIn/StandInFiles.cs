namespace MusicFunctions.StandIn;

/// <summary>
/// The files the stand-in serves, reproducible by tests: the same (task id, track id, kind,
/// length) always gives the same bytes, in any process.
/// </summary>
public static class StandInFiles
{
    /// <summary>The whole file as served. Fine for test-sized files; use <see cref="Open"/> for big ones.</summary>
    public static byte[] Expected(string taskId, string trackId, StandInFileKind kind, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var bytes = new byte[checked((int)length)];
        new FileContentGenerator(taskId, trackId, kind).Fill(0, bytes);
        return bytes;
    }

    /// <summary>The file as served, generated while it is read (never held in memory).</summary>
    public static Stream Open(string taskId, string trackId, StandInFileKind kind, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new GeneratedFileStream(new FileContentGenerator(taskId, trackId, kind), length);
    }

    public static string FileName(StandInFileKind kind) => kind == StandInFileKind.Audio ? "audio.mp3" : "cover.jpeg";

    public static string ContentType(StandInFileKind kind) => kind == StandInFileKind.Audio ? "audio/mpeg" : "image/jpeg";

    /// <summary>The file's URL relative to the server root, e.g. <c>files/{task}/{track}/audio.mp3</c>, ids percent-encoded.</summary>
    public static string RelativeUrl(string taskId, string trackId, StandInFileKind kind) =>
        $"files/{EscapeSegment(taskId)}/{EscapeSegment(trackId)}/{FileName(kind)}";

    /// <summary>The streaming URL upstream hands out beside the final file; the stand-in answers it with 404.</summary>
    internal static string StreamRelativeUrl(string taskId, string trackId) =>
        $"files/{EscapeSegment(taskId)}/{EscapeSegment(trackId)}/stream";

    /// <summary>
    /// Reads a request target as sent on the wire. The raw target is used because the server's
    /// decoded path keeps %2F encoded and collapses dot segments, so hostile ids would not round-trip.
    /// </summary>
    internal static bool TryParseRequestTarget(string rawTarget, out string taskId, out string trackId, out StandInFileKind kind)
    {
        taskId = trackId = "";
        kind = default;
        var path = rawTarget.Split('?', 2)[0];
        var segments = path.Split('/');
        if (segments is not ["", "files", var task, var track, var fileName])
        {
            return false;
        }
        if (fileName == FileName(StandInFileKind.Audio))
        {
            kind = StandInFileKind.Audio;
        }
        else if (fileName == FileName(StandInFileKind.Cover))
        {
            kind = StandInFileKind.Cover;
        }
        else
        {
            return false;
        }
        taskId = UnescapeSegment(task);
        trackId = UnescapeSegment(track);
        return true;
    }

    // An id of "." or ".." would be a dot segment that clients (System.Uri too, even as %2E) resolve away.
    // Such a segment gets a raw '!' in front: EscapeDataString always writes '!' as %21, so a leading raw
    // '!' can only be this marker.
    private const char DotSegmentMarker = '!';

    private static string EscapeSegment(string value)
    {
        var escaped = Uri.EscapeDataString(value);
        return escaped is "." or ".." ? DotSegmentMarker + escaped : escaped;
    }

    private static string UnescapeSegment(string segment) =>
        Uri.UnescapeDataString(segment.StartsWith(DotSegmentMarker) ? segment[1..] : segment);
}
