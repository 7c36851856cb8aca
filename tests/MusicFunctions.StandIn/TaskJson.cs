using System.Globalization;
using System.Text.Json.Nodes;

namespace MusicFunctions.StandIn;

/// <summary>Renders a task object in the upstream's shape (snake_case task, camelCase or snake_case tracks).</summary>
internal static class TaskJson
{
    private const string DefaultModel = "suno-v4.5-plus";
    private const string DefaultTitle = "Stand-in Song";
    private const string DefaultTags = "stand-in";

    /// <param name="rootUrl">The server root as the client reached it, ending in '/'; file URLs hang off it.</param>
    public static JsonObject Render(StandInTask task, TaskView view, string rootUrl) => new()
    {
        ["task_id"] = task.Id,
        ["action"] = "GENERATIONS",
        ["status"] = view.Status,
        ["fail_reason"] = view.Status == UpstreamStatus.Failed ? task.Script.FailReason : "",
        ["submit_time"] = task.SubmittedAt.ToUnixTimeSeconds(),
        ["start_time"] = view.StartedAt?.ToUnixTimeSeconds() ?? 0,
        ["finish_time"] = view.FinishedAt?.ToUnixTimeSeconds() ?? 0,
        ["progress"] = $"{view.Progress}%",
        ["data"] = view.Status == UpstreamStatus.Success ? Tracks(task, view.FinishedAt ?? task.SubmittedAt, rootUrl) : new JsonArray(),
    };

    private static JsonArray Tracks(StandInTask task, DateTimeOffset finishedAt, string rootUrl)
    {
        var tracks = new JsonArray();
        for (var i = 0; i < task.TrackIds.Count; i++)
        {
            // Tracks appear shortly before the task finishes, but never before it was submitted.
            var createdAt = finishedAt.AddMilliseconds(-700 * (task.TrackIds.Count - i));
            var track = new TrackFacts(task, task.TrackIds[i], createdAt < task.SubmittedAt ? task.SubmittedAt : createdAt, rootUrl);
            tracks.Add(task.Script.SnakeCaseTracks ? SnakeCase(track) : CamelCase(track));
        }
        return tracks;
    }

    private static JsonObject CamelCase(TrackFacts track) => new()
    {
        ["id"] = track.Id,
        ["title"] = track.Title,
        ["tags"] = track.Tags,
        ["prompt"] = track.Prompt,
        ["audioUrl"] = track.AudioUrl,
        ["streamAudioUrl"] = track.StreamUrl,
        ["imageUrl"] = track.CoverUrl,
        ["sourceAudioUrl"] = track.AudioUrl,
        ["sourceStreamAudioUrl"] = track.StreamUrl,
        ["sourceImageUrl"] = track.CoverUrl,
        ["duration"] = track.Duration,
        ["modelName"] = track.Model,
        ["createTime"] = track.CreatedAt.ToUnixTimeMilliseconds(),
    };

    private static JsonObject SnakeCase(TrackFacts track) => new()
    {
        ["id"] = track.Id,
        ["title"] = track.Title,
        ["tags"] = track.Tags,
        ["audio_url"] = track.AudioUrl,
        ["stream_audio_url"] = track.StreamUrl,
        ["image_url"] = track.CoverUrl,
        ["duration"] = track.Duration,
        ["model_name"] = track.Model,
        ["created_at"] = track.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    };

    /// <summary>What both track shapes say about one track.</summary>
    private sealed class TrackFacts(StandInTask task, string trackId, DateTimeOffset createdAt, string rootUrl)
    {
        public string Id => trackId;
        public string Title => task.Script.Title ?? task.Request.Title ?? DefaultTitle;
        public string Tags => task.Request.Style ?? DefaultTags;
        public string Prompt => task.Request.Prompt;
        public string Model => task.Request.Model ?? DefaultModel;
        public DateTimeOffset CreatedAt => createdAt;
        public string AudioUrl => rootUrl + StandInFiles.RelativeUrl(task.Id, trackId, StandInFileKind.Audio);
        public string CoverUrl => rootUrl + StandInFiles.RelativeUrl(task.Id, trackId, StandInFileKind.Cover);
        public string StreamUrl => rootUrl + StandInFiles.StreamRelativeUrl(task.Id, trackId);

        // Between 2:00 and 4:00, stable per track.
        // Whole hundredths divided once, so the JSON shows 187.32 rather than 187.31999999999999.
        public double Duration => (12_000 + (long)(StableRandom.Hash(task.Id, trackId, "duration") % 12_000)) / 100.0;
    }
}
