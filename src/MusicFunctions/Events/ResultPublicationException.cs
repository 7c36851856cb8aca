namespace MusicFunctions.Events;

/// <summary>Ends a publishing orchestration as Failed when the event could not go everywhere it should; the message says where and why.</summary>
public sealed class ResultPublicationException(string message) : Exception(message);
