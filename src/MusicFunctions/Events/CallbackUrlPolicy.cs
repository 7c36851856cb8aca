using Microsoft.Extensions.Options;
using MusicFunctions.Archive;
using MusicFunctions.Orchestration;

namespace MusicFunctions.Events;

/// <summary>
/// Decides which callback URLs result events may be POSTed to. A callback URL is hostile input like a
/// download URL, so it goes through the archive's guard (<see cref="ArchiveSourcePolicy"/>): the same
/// Archive:AllowHttp and Archive:AllowPrivateNetworkSources settings, the same connect-time address check,
/// with its own host allowlist (Events:AllowedCallbackHosts) instead of the download one.
/// </summary>
public sealed class CallbackUrlPolicy
{
    public const int MaxLength = 2048;

    private readonly ArchiveSourcePolicy _guard;
    private readonly bool _allowHttp;
    private readonly bool _enabled;

    public CallbackUrlPolicy(IOptions<ArchiveOptions> archive, IOptions<EventOptions> events)
    {
        var network = archive.Value;
        _allowHttp = network.AllowHttp;
        _enabled = events.Value.CallbacksEnabled;
        _guard = new ArchiveSourcePolicy(Options.Create(new ArchiveOptions
        {
            AllowHttp = network.AllowHttp,
            AllowPrivateNetworkSources = network.AllowPrivateNetworkSources,
            ConnectTimeout = network.ConnectTimeout,
            AllowedHosts = events.Value.AllowedCallbackHosts,
        }));
    }

    /// <summary>
    /// Request-time check: syntax, scheme, allowlist and literal addresses (no DNS). Returns what is
    /// wrong, or nothing. The addresses a host name resolves to are checked again when connecting.
    /// </summary>
    public IReadOnlyList<string> Check(string value)
    {
        if (!_enabled)
        {
            return ["callback_url cannot be used: this app has no Events:WebhookSecret to sign deliveries with."];
        }
        if (value.Length > MaxLength)
        {
            return [$"callback_url is {value.Length} characters; at most {MaxLength} allowed."];
        }
        var expected = _allowHttp ? "an absolute http or https URL" : "an absolute https URL";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return [$"callback_url must be {expected}."];
        }
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            // Credentials in the URL would end up in orchestration history.
            return ["callback_url must not contain credentials (user:password@); authenticate the delivery with its signature."];
        }
        if (!string.IsNullOrEmpty(url.Fragment))
        {
            return ["callback_url must not have a fragment (#...)."];
        }
        try
        {
            _guard.EnsureAllowedUrl(url);
            return [];
        }
        catch (ArchiveException ex)
        {
            return [Rephrase(ex.Message)];
        }
    }

    /// <summary>Delivery-time check before connecting; a refusal is permanent, so retry policies give up at once.</summary>
    public void EnsureAllowed(Uri url)
    {
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            throw new PermanentFailureException("Refused to deliver: the callback URL contains credentials.");
        }
        try
        {
            _guard.EnsureAllowedUrl(url);
        }
        catch (ArchiveException ex)
        {
            throw new PermanentFailureException(Rephrase(ex.Message), ex);
        }
    }

    /// <summary>The webhook HttpClient's primary handler: the guard's connect-time address check, no proxy, no redirects.</summary>
    public SocketsHttpHandler CreateHandler() => _guard.CreateHandler();

    /// <summary>The guard speaks of downloads and of the archive's allowlist; say it the way it applies here.</summary>
    public static string Rephrase(string guardMessage) => guardMessage
        .Replace("Refused to download", "Refused to deliver to the callback URL", StringComparison.Ordinal)
        .Replace("Archive:AllowedHosts", "Events:AllowedCallbackHosts", StringComparison.Ordinal);
}
