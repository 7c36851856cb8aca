using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace MusicFunctions.Archive;

/// <summary>
/// Decides which file URLs the archive may download, treating them as hostile input: the scheme,
/// the optional host allowlist, and every address a host resolves to. The address check runs in
/// the HTTP handler's connect callback, on the addresses actually connected to, so a DNS answer
/// that changes between a check and the connection (rebinding) cannot slip past it.
/// Every refusal is an <see cref="ArchiveException"/> that is not retryable.
/// </summary>
public sealed class ArchiveSourcePolicy
{
    private readonly ArchiveOptions _options;
    private readonly IReadOnlyList<string> _allowedHosts;
    private readonly Func<IPAddress, NetworkAddressKind> _classify;

    public ArchiveSourcePolicy(IOptions<ArchiveOptions> options)
        : this(options.Value, NetworkAddressClassifier.Classify)
    {
    }

    /// <summary>For tests that need an address treated differently (e.g. a loopback server posing as a public one).</summary>
    internal ArchiveSourcePolicy(ArchiveOptions options, Func<IPAddress, NetworkAddressKind> classify)
    {
        _options = options;
        _allowedHosts = options.AllowedHostList();
        _classify = classify;
    }

    /// <summary>Refuses a URL by its scheme, its host (allowlist) or a literal address; called for the URL and every redirect.</summary>
    public void EnsureAllowedUrl(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            throw Refused($"'{url}' is not an absolute URL");
        }
        var httpAllowed = _options.AllowHttp && url.Scheme == Uri.UriSchemeHttp;
        if (url.Scheme != Uri.UriSchemeHttps && !httpAllowed)
        {
            throw Refused(url.Scheme == Uri.UriSchemeHttp
                ? $"{FileArchiver.Describe(url)} uses plain http (only https is allowed; see Archive:AllowHttp)"
                : $"the URL scheme '{url.Scheme}' is not allowed (only https{(_options.AllowHttp ? " and http" : "")})");
        }

        var host = HostOf(url);
        if (_allowedHosts.Count > 0 && !_allowedHosts.Any(allowed => HostMatches(host, allowed)))
        {
            throw Refused($"the host '{host}' is not in Archive:AllowedHosts");
        }
        if (IPAddress.TryParse(host, out var literal))
        {
            EnsureAllowedAddresses(host, [literal]);
        }
    }

    /// <summary>Refuses a host when any address it resolved to is not allowed (a public name that also points inside is not trusted).</summary>
    public void EnsureAllowedAddresses(string host, IReadOnlyCollection<IPAddress> addresses)
    {
        if (addresses.Count == 0)
        {
            throw new ArchiveException($"The host '{host}' did not resolve to any address.", isRetryable: true);
        }
        foreach (var address in addresses)
        {
            var kind = _classify(address);
            if (!IsAllowed(kind))
            {
                var hint = kind is NetworkAddressKind.Loopback or NetworkAddressKind.Private or NetworkAddressKind.CarrierGradeNat
                    or NetworkAddressKind.LinkLocal or NetworkAddressKind.UniqueLocal
                    ? " (see Archive:AllowPrivateNetworkSources)"
                    : "";
                throw Refused($"the host '{host}' resolves to {address}, a {Describe(kind)} address{hint}");
            }
        }
    }

    /// <summary>
    /// The archive HTTP handler's ConnectCallback: resolves the host, checks every address, then
    /// connects to the allowed addresses in turn.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var host = endpoint.Host.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new ArchiveException($"Could not resolve the host '{host}': {ex.Message}", isRetryable: true, ex);
            }
        }
        EnsureAllowedAddresses(host, addresses);

        SocketException? lastFailure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastFailure = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw lastFailure!;
    }

    /// <summary>The primary handler of the archive's HttpClient: no proxy, no automatic redirects, the guarded connect.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        // A proxy would be connected to instead of the file's host, bypassing the address check.
        UseProxy = false,
        // Redirects are followed by FileArchiver, which checks each target first.
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = _options.ConnectTimeout,
        ConnectCallback = ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    };

    private bool IsAllowed(NetworkAddressKind kind) => kind switch
    {
        NetworkAddressKind.Public => true,
        NetworkAddressKind.Loopback or NetworkAddressKind.Private or NetworkAddressKind.CarrierGradeNat
            or NetworkAddressKind.LinkLocal or NetworkAddressKind.UniqueLocal => _options.AllowPrivateNetworkSources,
        _ => false,
    };

    private static bool HostMatches(string host, string allowed) =>
        allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.Ordinal) && host.Length > allowed.Length - 1
            : host == allowed;

    private static string HostOf(Uri url) =>
        (url.HostNameType == UriHostNameType.IPv6 ? url.Host.Trim('[', ']') : url.IdnHost).TrimEnd('.').ToLowerInvariant();

    private static string Describe(NetworkAddressKind kind) => kind switch
    {
        NetworkAddressKind.CarrierGradeNat => "carrier-grade NAT",
        NetworkAddressKind.LinkLocal => "link-local",
        NetworkAddressKind.UniqueLocal => "unique-local",
        NetworkAddressKind.CloudMetadata => "cloud metadata",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static ArchiveException Refused(string reason) => new($"Refused to download: {reason}.", isRetryable: false);
}
