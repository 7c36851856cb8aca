using System.Net;
using System.Net.Sockets;

namespace MusicFunctions.Archive;

/// <summary>
/// Tells what kind of network an address belongs to, looking through the IPv6 forms that carry an
/// IPv4 address (mapped, translated, NAT64, 6to4), so that e.g. ::ffff:10.0.0.1 is as
/// private as 10.0.0.1.
/// </summary>
public static class NetworkAddressClassifier
{
    // Instance metadata and host agents of the big clouds; refused even where private sources are allowed.
    private static readonly IPAddress[] CloudMetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"), // AWS, Azure IMDS, GCP, OCI, DigitalOcean...
        IPAddress.Parse("169.254.170.2"), // AWS ECS task metadata
        IPAddress.Parse("168.63.129.16"), // Azure WireServer (a public-looking address)
        IPAddress.Parse("100.100.100.200"), // Alibaba Cloud metadata
        IPAddress.Parse("fd00:ec2::254"), // AWS IMDS over IPv6
    ];

    public static NetworkAddressKind Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } embedded)
        {
            return Classify(embedded);
        }
        if (CloudMetadataAddresses.Contains(address))
        {
            return NetworkAddressKind.CloudMetadata;
        }
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => ClassifyV6(address.GetAddressBytes()),
            _ => NetworkAddressKind.Reserved,
        };
    }

    /// <summary>The IPv4 address an IPv6 address stands for, or null when it carries none.</summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4(); // ::ffff:a.b.c.d
        }
        var b = address.GetAddressBytes();
        if (b.Length != 16)
        {
            return null;
        }
        if (AllZero(b, 0, 8) && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0)
        {
            return new IPAddress(b.AsSpan(12, 4)); // IPv4-translated ::ffff:0:a.b.c.d
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && AllZero(b, 4, 8))
        {
            return new IPAddress(b.AsSpan(12, 4)); // NAT64 well-known prefix 64:ff9b::/96
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return new IPAddress(b.AsSpan(2, 4)); // 6to4 2002:aabb:ccdd::/48
        }
        return null;
    }

    private static NetworkAddressKind ClassifyV4(byte[] b) => (b[0], b[1], b[2], b[3]) switch
    {
        (0, _, _, _) => NetworkAddressKind.Unspecified,
        (127, _, _, _) => NetworkAddressKind.Loopback,
        (10, _, _, _) => NetworkAddressKind.Private,
        (172, >= 16 and <= 31, _, _) => NetworkAddressKind.Private,
        (192, 168, _, _) => NetworkAddressKind.Private,
        (100, >= 64 and <= 127, _, _) => NetworkAddressKind.CarrierGradeNat,
        (169, 254, _, _) => NetworkAddressKind.LinkLocal,
        (>= 224 and <= 239, _, _, _) => NetworkAddressKind.Multicast,
        (>= 240, _, _, _) => NetworkAddressKind.Reserved, // 240/4 and the broadcast address
        (192, 0, 0, _) => NetworkAddressKind.Reserved, // IETF protocol assignments
        (192, 0, 2, _) or (198, 51, 100, _) or (203, 0, 113, _) => NetworkAddressKind.Reserved, // documentation
        (198, 18 or 19, _, _) => NetworkAddressKind.Reserved, // benchmarking
        _ => NetworkAddressKind.Public,
    };

    private static NetworkAddressKind ClassifyV6(byte[] b)
    {
        if (AllZero(b, 0, 16))
        {
            return NetworkAddressKind.Unspecified;
        }
        if (AllZero(b, 0, 15) && b[15] == 1)
        {
            return NetworkAddressKind.Loopback;
        }
        if (b[0] == 0xFF)
        {
            return NetworkAddressKind.Multicast;
        }
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
        {
            return NetworkAddressKind.LinkLocal; // fe80::/10
        }
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)
        {
            return NetworkAddressKind.Reserved; // fec0::/10, deprecated site-local
        }
        if ((b[0] & 0xFE) == 0xFC)
        {
            return NetworkAddressKind.UniqueLocal; // fc00::/7
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4] == 0x00 && b[5] == 0x01)
        {
            return NetworkAddressKind.Private; // 64:ff9b:1::/48, local-use NAT64
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
        {
            return NetworkAddressKind.Reserved; // 2001:db8::/32, documentation
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
        {
            return NetworkAddressKind.Reserved; // 2001::/32, Teredo: the IPv4 end is hidden
        }
        if (b[0] == 0x01 && b[1] == 0x00 && AllZero(b, 2, 6))
        {
            return NetworkAddressKind.Reserved; // 100::/64, discard
        }
        if (AllZero(b, 0, 12))
        {
            return NetworkAddressKind.Reserved; // the rest of ::/96: deprecated IPv4-compatible forms
        }
        return NetworkAddressKind.Public;
    }

    private static bool AllZero(byte[] bytes, int start, int count) => bytes.AsSpan(start, count).IndexOfAnyExcept((byte)0) < 0;
}
