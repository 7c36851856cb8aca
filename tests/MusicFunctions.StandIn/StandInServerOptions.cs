namespace MusicFunctions.StandIn;

/// <summary>Settings of one stand-in server.</summary>
public sealed class StandInServerOptions
{
    public const string DefaultApiKey = "local-dev-key";

    /// <summary>The bearer token the API endpoints accept.</summary>
    public string ApiKey { get; init; } = DefaultApiKey;

    /// <summary>The script of a submit when neither the queue nor the resolver provides one.</summary>
    public GenerationScript DefaultScript { get; init; } = new();

    /// <summary>Drives task timing (submit times, CompleteAfter). Delay faults always wait in real time.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Receives one line per request (e.g. Console.WriteLine or a test output helper). Null: silent.</summary>
    public Action<string>? RequestLog { get; init; }
}
