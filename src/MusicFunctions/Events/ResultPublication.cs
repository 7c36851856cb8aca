namespace MusicFunctions.Events;

/// <summary>Input of the publishing orchestration: the event, where it goes, and how hard to try.</summary>
public sealed record ResultPublication
{
    public required ResultEvent Event { get; init; }

    /// <summary>The request's callback_url; null when there is no webhook to call.</summary>
    public string? CallbackUrl { get; init; }
    public required EventDeliveryPlan Delivery { get; init; }

    /// <summary>Whether there is anywhere to send the event at all.</summary>
    public bool HasTargets => Delivery.ResultsQueue is not null || CallbackUrl is not null;
}
