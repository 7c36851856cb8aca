namespace MusicFunctions.StandIn;

/// <summary>The endpoints a fault can be injected into.</summary>
public enum StandInEndpoint
{
    /// <summary><c>POST /v1/music/generations</c>.</summary>
    Submit,

    /// <summary><c>GET /v1/music/tasks/{task_id}</c>.</summary>
    Status,

    /// <summary><c>GET /files/{task_id}/{track_id}/audio.mp3</c>.</summary>
    Audio,

    /// <summary><c>GET /files/{task_id}/{track_id}/cover.jpeg</c>.</summary>
    Cover,
}
