namespace MusicFunctions.Events;

/// <summary>A webhook delivery attempt failed in a way a later attempt may not (a 5xx, a timeout, no connection); retried.</summary>
public sealed class WebhookDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
