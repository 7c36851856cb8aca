namespace MusicFunctions.Events;

/// <summary>Input of <see cref="PublishResultEventActivity"/>: which queue, and the event.</summary>
public sealed record QueuedResultEvent(string Queue, ResultEvent Event);
