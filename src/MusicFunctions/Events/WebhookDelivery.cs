namespace MusicFunctions.Events;

/// <summary>Input of <see cref="DeliverWebhookActivity"/>: where to POST, and the event. The secret is not here: the activity reads it from configuration.</summary>
public sealed record WebhookDelivery(string CallbackUrl, ResultEvent Event);
