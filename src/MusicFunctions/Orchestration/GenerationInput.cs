using MusicFunctions.Events;
using MusicFunctions.Requests;

namespace MusicFunctions.Orchestration;

/// <summary>
/// Everything a generation run needs, fixed when it starts. Holds no secrets: it is stored in
/// the orchestration history.
/// </summary>
public sealed record GenerationInput
{
    /// <summary>The validated, normalised request sent upstream.</summary>
    public required MusicRequest Request { get; init; }

    public required PollingOptions Polling { get; init; }

    /// <summary>
    /// Durable retry settings (the orchestrator may not read configuration). Defaults when absent,
    /// e.g. in the input of a run started before the setting existed.
    /// </summary>
    public ResilienceOptions Resilience { get; init; } = new();

    /// <summary>The caller's request_id, when it gave one (it is then also the instance id).</summary>
    public string? RequestId { get; init; }

    /// <summary>Where the result event is POSTed; null when the request named no callback_url.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>
    /// Where the result event goes and how webhook deliveries are retried (no secret: the delivery
    /// activity reads that itself). Null: no events, as for runs started before events existed.
    /// </summary>
    public EventDeliveryPlan? Events { get; init; }
}
