namespace MusicFunctions.StandIn;

/// <summary>The stand-in's routes, shared by the standalone program and <see cref="StandInServer"/>.</summary>
internal static class StandInEndpointMappings
{
    public static void MapStandIn(this WebApplication app, StandInState state)
    {
        app.Use((context, next) => RequestRecorder.RecordAsync(context, next, state));
        app.MapPost("/v1/music/generations", context => SubmitHandler.HandleAsync(context, state));
        app.MapGet("/v1/music/tasks/{task_id}", context => StatusHandler.HandleAsync(context, state));
        // A catch-all: file paths are parsed from the raw target, see StandInFiles.TryParseRequestTarget.
        app.MapMethods("/files/{**path}", [HttpMethods.Get, HttpMethods.Head], context => FileHandler.HandleAsync(context, state));
    }
}
